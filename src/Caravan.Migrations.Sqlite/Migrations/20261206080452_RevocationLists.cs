using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caravan.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RevocationLists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "partner_revocations",
                columns: table => new
                {
                    partner_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    issued_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    fetched_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    payload = table.Column<string>(type: "TEXT", maxLength: 5000000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_partner_revocations", x => x.partner_id);
                    table.ForeignKey(
                        name: "fk_partner_revocations_partner_node_partner_id",
                        column: x => x.partner_id,
                        principalTable: "partner_node",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "partner_revocations");
        }
    }
}
