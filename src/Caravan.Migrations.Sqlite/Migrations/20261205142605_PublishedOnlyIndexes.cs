using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caravan.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PublishedOnlyIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_vacancies_status_destination_published",
                table: "vacancy");

            migrationBuilder.DropIndex(
                name: "ix_vacancies_status_destination_wage",
                table: "vacancy");

            migrationBuilder.DropIndex(
                name: "ix_vacancies_status_isco_code_wage",
                table: "vacancy");

            migrationBuilder.DropIndex(
                name: "ix_vacancies_status_published_at",
                table: "vacancy");

            migrationBuilder.DropIndex(
                name: "ix_vacancies_status_wage_usd_cents",
                table: "vacancy");

            migrationBuilder.CreateIndex(
                name: "ix_vacancies_status",
                table: "vacancy",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_vacancies_status_destination_published",
                table: "vacancy",
                columns: new[] { "status", "destination_country", "published_at" },
                descending: new[] { false, false, true },
                filter: "status = 'Published'");

            migrationBuilder.CreateIndex(
                name: "ix_vacancies_status_destination_wage",
                table: "vacancy",
                columns: new[] { "status", "destination_country", "wage_usd_cents", "published_at" },
                descending: new[] { false, false, true, true },
                filter: "status = 'Published'");

            migrationBuilder.CreateIndex(
                name: "ix_vacancies_status_isco_code_wage",
                table: "vacancy",
                columns: new[] { "status", "isco_code", "wage_usd_cents", "published_at" },
                descending: new[] { false, false, true, true },
                filter: "status = 'Published'");

            migrationBuilder.CreateIndex(
                name: "ix_vacancies_status_published_at",
                table: "vacancy",
                columns: new[] { "status", "published_at" },
                filter: "status = 'Published'");

            migrationBuilder.CreateIndex(
                name: "ix_vacancies_status_wage_usd_cents",
                table: "vacancy",
                columns: new[] { "status", "wage_usd_cents" },
                filter: "status = 'Published'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_vacancies_status",
                table: "vacancy");

            migrationBuilder.DropIndex(
                name: "ix_vacancies_status_destination_published",
                table: "vacancy");

            migrationBuilder.DropIndex(
                name: "ix_vacancies_status_destination_wage",
                table: "vacancy");

            migrationBuilder.DropIndex(
                name: "ix_vacancies_status_isco_code_wage",
                table: "vacancy");

            migrationBuilder.DropIndex(
                name: "ix_vacancies_status_published_at",
                table: "vacancy");

            migrationBuilder.DropIndex(
                name: "ix_vacancies_status_wage_usd_cents",
                table: "vacancy");

            migrationBuilder.CreateIndex(
                name: "ix_vacancies_status_destination_published",
                table: "vacancy",
                columns: new[] { "status", "destination_country", "published_at" },
                descending: new[] { false, false, true });

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

            migrationBuilder.CreateIndex(
                name: "ix_vacancies_status_published_at",
                table: "vacancy",
                columns: new[] { "status", "published_at" });

            migrationBuilder.CreateIndex(
                name: "ix_vacancies_status_wage_usd_cents",
                table: "vacancy",
                columns: new[] { "status", "wage_usd_cents" });
        }
    }
}
