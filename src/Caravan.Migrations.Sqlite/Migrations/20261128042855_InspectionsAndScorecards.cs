using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caravan.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InspectionsAndScorecards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "agency_scorecard",
                columns: table => new
                {
                    agency_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    period_start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    period_end = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    computed_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    vacancies_published = table.Column<int>(type: "INTEGER", nullable: false),
                    positions_offered = table.Column<int>(type: "INTEGER", nullable: false),
                    positions_filled = table.Column<int>(type: "INTEGER", nullable: true),
                    inspections = table.Column<int>(type: "INTEGER", nullable: false),
                    inspections_with_violations = table.Column<int>(type: "INTEGER", nullable: false),
                    sanctions = table.Column<int>(type: "INTEGER", nullable: false),
                    fee_violations = table.Column<int>(type: "INTEGER", nullable: false),
                    cases_per1000placed = table.Column<decimal>(type: "TEXT", precision: 9, scale: 1, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agency_scorecard", x => x.agency_id);
                    table.ForeignKey(
                        name: "fk_agency_scorecard_agency_agency_id",
                        column: x => x.agency_id,
                        principalTable: "agency",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "inspection",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    agency_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    inspected_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    findings = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    sanction = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    response_deadline = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    inspector_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspection", x => x.id);
                    table.ForeignKey(
                        name: "fk_inspection_agency_agency_id",
                        column: x => x.agency_id,
                        principalTable: "agency",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "violation_type",
                columns: table => new
                {
                    code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    severity = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    active = table.Column<bool>(type: "INTEGER", nullable: false),
                    is_fee_violation = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_violation_type", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "inspection_violation",
                columns: table => new
                {
                    inspection_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    violation_code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspection_violation", x => new { x.inspection_id, x.violation_code });
                    table.ForeignKey(
                        name: "fk_inspection_violation_inspection_inspection_id",
                        column: x => x.inspection_id,
                        principalTable: "inspection",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_inspection_violation_violation_type_violation_code",
                        column: x => x.violation_code,
                        principalTable: "violation_type",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_inspections_agency_id_inspected_on",
                table: "inspection",
                columns: new[] { "agency_id", "inspected_on" });

            migrationBuilder.CreateIndex(
                name: "ux_inspections_reference",
                table: "inspection",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inspection_violation_violation_code",
                table: "inspection_violation",
                column: "violation_code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "agency_scorecard");

            migrationBuilder.DropTable(
                name: "inspection_violation");

            migrationBuilder.DropTable(
                name: "inspection");

            migrationBuilder.DropTable(
                name: "violation_type");
        }
    }
}
