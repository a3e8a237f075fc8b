using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caravan.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TrustList : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "partner_node",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    base_url = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    is_hub = table.Column<bool>(type: "INTEGER", nullable: false),
                    agreement = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    valid_from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    valid_until = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_partner_node", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "partner_flow",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    partner_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    direction = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    purpose = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_partner_flow", x => x.id);
                    table.ForeignKey(
                        name: "fk_partner_flow_partner_node_partner_id",
                        column: x => x.partner_id,
                        principalTable: "partner_node",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "partner_key",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    partner_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    key_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    public_jwk = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    added_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    revoked_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    revoked_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_partner_key", x => x.id);
                    table.ForeignKey(
                        name: "fk_partner_key_partner_node_partner_id",
                        column: x => x.partner_id,
                        principalTable: "partner_node",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_partner_flow_partner_id_direction_type_purpose",
                table: "partner_flow",
                columns: new[] { "partner_id", "direction", "type", "purpose" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_partner_key_key_id",
                table: "partner_key",
                column: "key_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_partner_key_partner_id",
                table: "partner_key",
                column: "partner_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "partner_flow");

            migrationBuilder.DropTable(
                name: "partner_key");

            migrationBuilder.DropTable(
                name: "partner_node");
        }
    }
}
