using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caravan.Migrations.Postgres.Migrations
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
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<long>(
                name: "wage_usd_cents",
                table: "vacancy",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_vacancies_status_wage_usd_cents",
                table: "vacancy",
                columns: new[] { "status", "wage_usd_cents" });

            // Existing rows: the wage key from the rate table, and fee_free from their cost rows.
            migrationBuilder.Sql("UPDATE vacancy SET wage_usd_cents = CAST(ROUND(wage_amount * 100 / r.units_per_usd) AS BIGINT) FROM exchange_rate r WHERE r.currency = vacancy.wage_currency AND r.units_per_usd > 0;");
            migrationBuilder.Sql("UPDATE vacancy SET fee_free = FALSE WHERE EXISTS (SELECT 1 FROM vacancy_cost c WHERE c.vacancy_id = vacancy.id);");

            // Text search runs LIKE '%words%' over search_key; a trigram index answers it without reading every row.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("CREATE INDEX ix_vacancies_search_key_trgm ON vacancy USING gin (search_key gin_trgm_ops);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_vacancies_search_key_trgm;");

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
