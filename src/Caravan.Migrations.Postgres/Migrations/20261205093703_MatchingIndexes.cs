using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caravan.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class MatchingIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_vacancies_destination_country",
                table: "vacancy");

            migrationBuilder.DropIndex(
                name: "ix_vacancies_isco_code",
                table: "vacancy");

            migrationBuilder.CreateIndex(
                name: "ix_vacancies_status_destination_wage",
                table: "vacancy",
                columns: new[] { "status", "destination_country", "wage_usd_cents", "published_at" },
                descending: new[] { false, false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_vacancies_status_isco_code_wage",
                table: "vacancy",
                columns: new[] { "status", "isco_code", "wage_usd_cents", "published_at" },
                descending: new[] { false, false, true, true });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_vacancies_status_destination_wage",
                table: "vacancy");

            migrationBuilder.DropIndex(
                name: "ix_vacancies_status_isco_code_wage",
                table: "vacancy");

            migrationBuilder.CreateIndex(
                name: "ix_vacancies_destination_country",
                table: "vacancy",
                column: "destination_country");

            migrationBuilder.CreateIndex(
                name: "ix_vacancies_isco_code",
                table: "vacancy",
                column: "isco_code");
        }
    }
}
