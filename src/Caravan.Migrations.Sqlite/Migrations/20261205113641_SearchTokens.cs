using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caravan.Migrations.Sqlite.Migrations
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

            // Hand-written (BaselineObjectsTests checks them): the trigram index gives way to a token index over the keys
            // VacancySearchTerms makes. The keys are emptied here and made again in code at start (DatabaseInitializer).
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS vacancy_fts_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS vacancy_fts_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS vacancy_fts_insert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS vacancy_fts;");
            migrationBuilder.Sql("UPDATE vacancy SET search_key = '';");
            // Tokens are letters, digits and "_" ("kr_welder"); diacritics are kept so the index splits text as the code does.
            migrationBuilder.Sql("CREATE VIRTUAL TABLE vacancy_terms USING fts5(search_key, content='vacancy', content_rowid='rowid', tokenize=\"unicode61 remove_diacritics 0 tokenchars '_'\");");
            migrationBuilder.Sql("INSERT INTO vacancy_terms(vacancy_terms) VALUES ('rebuild');");
            migrationBuilder.Sql("CREATE TRIGGER vacancy_terms_insert AFTER INSERT ON vacancy BEGIN INSERT INTO vacancy_terms(rowid, search_key) VALUES (new.rowid, new.search_key); END;");
            migrationBuilder.Sql("CREATE TRIGGER vacancy_terms_delete AFTER DELETE ON vacancy BEGIN INSERT INTO vacancy_terms(vacancy_terms, rowid, search_key) VALUES ('delete', old.rowid, old.search_key); END;");
            migrationBuilder.Sql("CREATE TRIGGER vacancy_terms_update AFTER UPDATE OF search_key ON vacancy BEGIN INSERT INTO vacancy_terms(vacancy_terms, rowid, search_key) VALUES ('delete', old.rowid, old.search_key); INSERT INTO vacancy_terms(rowid, search_key) VALUES (new.rowid, new.search_key); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS vacancy_terms_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS vacancy_terms_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS vacancy_terms_insert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS vacancy_terms;");
            migrationBuilder.Sql("CREATE VIRTUAL TABLE vacancy_fts USING fts5(search_key, content='vacancy', content_rowid='rowid', tokenize='trigram');");
            migrationBuilder.Sql("CREATE TRIGGER vacancy_fts_insert AFTER INSERT ON vacancy BEGIN INSERT INTO vacancy_fts(rowid, search_key) VALUES (new.rowid, new.search_key); END;");
            migrationBuilder.Sql("CREATE TRIGGER vacancy_fts_delete AFTER DELETE ON vacancy BEGIN INSERT INTO vacancy_fts(vacancy_fts, rowid, search_key) VALUES ('delete', old.rowid, old.search_key); END;");
            migrationBuilder.Sql("CREATE TRIGGER vacancy_fts_update AFTER UPDATE OF search_key ON vacancy BEGIN INSERT INTO vacancy_fts(vacancy_fts, rowid, search_key) VALUES ('delete', old.rowid, old.search_key); INSERT INTO vacancy_fts(rowid, search_key) VALUES (new.rowid, new.search_key); END;");
            migrationBuilder.Sql("INSERT INTO vacancy_fts(vacancy_fts) VALUES ('rebuild');");
            migrationBuilder.DropIndex(
                name: "ix_vacancies_status_destination_published",
                table: "vacancy");
        }
    }
}
