using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caravan.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class VacancySearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "search_key",
                table: "vacancy",
                type: "character varying(4400)",
                maxLength: 4400,
                nullable: false,
                defaultValue: "");

            // Backfill for existing vacancies (ASCII upper-casing on SQLite); the application keeps the key current.
            migrationBuilder.Sql("UPDATE vacancy SET search_key = UPPER(title || ' ' || city || ' ' || description);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "search_key",
                table: "vacancy");
        }
    }
}
