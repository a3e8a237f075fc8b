using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caravan.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RegionalHub : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "published_aggregate",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    partner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    table = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    period = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    published_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_published_aggregate", x => x.id);
                    table.ForeignKey(
                        name: "fk_published_aggregate_partner_node_partner_id",
                        column: x => x.partner_id,
                        principalTable: "partner_node",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "regional_aggregate",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    partner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    country = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    table = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    period = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    cells = table.Column<string>(type: "character varying(200000)", maxLength: 200000, nullable: false),
                    published_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    received_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_regional_aggregate", x => x.id);
                    table.ForeignKey(
                        name: "fk_regional_aggregate_partner_node_partner_id",
                        column: x => x.partner_id,
                        principalTable: "partner_node",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_published_aggregate_partner_id_table_period",
                table: "published_aggregate",
                columns: new[] { "partner_id", "table", "period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_regional_aggregate_partner_id_table_period",
                table: "regional_aggregate",
                columns: new[] { "partner_id", "table", "period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_regional_aggregate_table_period",
                table: "regional_aggregate",
                columns: new[] { "table", "period" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "published_aggregate");

            migrationBuilder.DropTable(
                name: "regional_aggregate");
        }
    }
}
