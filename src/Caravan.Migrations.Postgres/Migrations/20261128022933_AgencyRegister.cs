using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caravan.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AgencyRegister : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "name_key",
                table: "agency",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            // Backfill the search key for existing agencies; the application keeps it current from then on.
            migrationBuilder.Sql("UPDATE agency SET name_key = UPPER(name);");

            migrationBuilder.AddColumn<DateOnly>(
                name: "suspended_until",
                table: "agency",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "agency_destination",
                columns: table => new
                {
                    agency_id = table.Column<Guid>(type: "uuid", nullable: false),
                    country_code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agency_destination", x => new { x.agency_id, x.country_code });
                    table.ForeignKey(
                        name: "fk_agency_destination_agency_agency_id",
                        column: x => x.agency_id,
                        principalTable: "agency",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_agencies_name_key",
                table: "agency",
                column: "name_key");

            migrationBuilder.CreateIndex(
                name: "ix_agency_destinations_country_code",
                table: "agency_destination",
                column: "country_code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "agency_destination");

            migrationBuilder.DropIndex(
                name: "ix_agencies_name_key",
                table: "agency");

            migrationBuilder.DropColumn(
                name: "name_key",
                table: "agency");

            migrationBuilder.DropColumn(
                name: "suspended_until",
                table: "agency");
        }
    }
}
