using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caravan.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class JobOrders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_vacancy_agency_id",
                table: "vacancy");

            migrationBuilder.AddColumn<string>(
                name: "agency_reference",
                table: "vacancy",
                type: "TEXT",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "required_languages",
                table: "vacancy",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "required_skills",
                table: "vacancy",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "review_note",
                table: "vacancy",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "reviewed_at",
                table: "vacancy",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "submitted_at",
                table: "vacancy",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "text_language",
                table: "vacancy",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "status",
                table: "foreign_employer",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Unverified");

            migrationBuilder.AddColumn<string>(
                name: "status_reason",
                table: "foreign_employer",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "exchange_rate",
                columns: table => new
                {
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    units_per_usd = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: false),
                    as_of = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exchange_rate", x => x.currency);
                });

            migrationBuilder.CreateTable(
                name: "minimum_wage",
                columns: table => new
                {
                    country_code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    monthly_amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    effective_from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_minimum_wage", x => x.country_code);
                });

            migrationBuilder.CreateTable(
                name: "vacancy_cost",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    vacancy_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    item = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vacancy_cost", x => x.id);
                    table.ForeignKey(
                        name: "fk_vacancy_cost_vacancy_vacancy_id",
                        column: x => x.vacancy_id,
                        principalTable: "vacancy",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "vacancy_translation",
                columns: table => new
                {
                    vacancy_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    language = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vacancy_translation", x => new { x.vacancy_id, x.language });
                    table.ForeignKey(
                        name: "fk_vacancy_translation_vacancy_vacancy_id",
                        column: x => x.vacancy_id,
                        principalTable: "vacancy",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ux_vacancies_agency_id_agency_reference",
                table: "vacancy",
                columns: new[] { "agency_id", "agency_reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_vacancy_cost_vacancy_id",
                table: "vacancy_cost",
                column: "vacancy_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "exchange_rate");

            migrationBuilder.DropTable(
                name: "minimum_wage");

            migrationBuilder.DropTable(
                name: "vacancy_cost");

            migrationBuilder.DropTable(
                name: "vacancy_translation");

            migrationBuilder.DropIndex(
                name: "ux_vacancies_agency_id_agency_reference",
                table: "vacancy");

            migrationBuilder.DropColumn(
                name: "agency_reference",
                table: "vacancy");

            migrationBuilder.DropColumn(
                name: "required_languages",
                table: "vacancy");

            migrationBuilder.DropColumn(
                name: "required_skills",
                table: "vacancy");

            migrationBuilder.DropColumn(
                name: "review_note",
                table: "vacancy");

            migrationBuilder.DropColumn(
                name: "reviewed_at",
                table: "vacancy");

            migrationBuilder.DropColumn(
                name: "submitted_at",
                table: "vacancy");

            migrationBuilder.DropColumn(
                name: "text_language",
                table: "vacancy");

            migrationBuilder.DropColumn(
                name: "status",
                table: "foreign_employer");

            migrationBuilder.DropColumn(
                name: "status_reason",
                table: "foreign_employer");

            migrationBuilder.CreateIndex(
                name: "ix_vacancy_agency_id",
                table: "vacancy",
                column: "agency_id");
        }
    }
}
