using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caravan.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SearchTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_vacancies_status_destination_published",
                table: "vacancy",
                columns: new[] { "status", "destination_country", "published_at" },
                descending: new[] { false, false, true });

            // Hand-written (BaselineObjectsTests checks it): the trigram index gives way to a GIN index over the tokens
            // VacancySearchTerms makes, for published vacancies only, so a bulk upload waiting for approval adds nothing
            // to it. The keys are emptied here and made again in code at start (DatabaseInitializer).
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_vacancies_search_key_trgm;");
            migrationBuilder.Sql("UPDATE vacancy SET search_key = '';");
            migrationBuilder.Sql("CREATE INDEX ix_vacancies_search_terms ON vacancy USING gin (array_to_tsvector(string_to_array(search_key, ' '))) WHERE status = 'Published';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_vacancies_search_terms;");
            migrationBuilder.Sql("CREATE INDEX ix_vacancies_search_key_trgm ON vacancy USING gin (search_key gin_trgm_ops);");
            migrationBuilder.DropIndex(
                name: "ix_vacancies_status_destination_published",
                table: "vacancy");
        }
    }
}
