using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caravan.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class VacancyFilters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "fee_free",
                table: "vacancy",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<long>(
                name: "wage_usd_cents",
                table: "vacancy",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_vacancies_status_wage_usd_cents",
                table: "vacancy",
                columns: new[] { "status", "wage_usd_cents" });

            // Existing rows: the wage key from the rate table, and fee_free from their cost rows.
            migrationBuilder.Sql("UPDATE vacancy SET wage_usd_cents = CAST(ROUND(CAST(wage_amount AS REAL) * 100 / CAST((SELECT units_per_usd FROM exchange_rate r WHERE r.currency = vacancy.wage_currency) AS REAL)) AS INTEGER) WHERE EXISTS (SELECT 1 FROM exchange_rate r WHERE r.currency = vacancy.wage_currency);");
            migrationBuilder.Sql("UPDATE vacancy SET fee_free = 0 WHERE EXISTS (SELECT 1 FROM vacancy_cost c WHERE c.vacancy_id = vacancy.id);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_vacancies_status_wage_usd_cents",
                table: "vacancy");

            migrationBuilder.DropColumn(
                name: "fee_free",
                table: "vacancy");

            migrationBuilder.DropColumn(
                name: "wage_usd_cents",
                table: "vacancy");
        }
    }
}
