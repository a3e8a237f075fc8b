using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caravan.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class VacancySearchFts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Text search on SQLite: a trigram full-text index over search_key, kept in step by triggers, so
            // "%words%" is answered from the index instead of a LIKE over every row (see VacancyQueries).
            migrationBuilder.Sql("CREATE VIRTUAL TABLE vacancy_fts USING fts5(search_key, content='vacancy', content_rowid='rowid', tokenize='trigram');");
            migrationBuilder.Sql("INSERT INTO vacancy_fts(rowid, search_key) SELECT rowid, search_key FROM vacancy;");
            migrationBuilder.Sql("CREATE TRIGGER vacancy_fts_insert AFTER INSERT ON vacancy BEGIN INSERT INTO vacancy_fts(rowid, search_key) VALUES (new.rowid, new.search_key); END;");
            migrationBuilder.Sql("CREATE TRIGGER vacancy_fts_delete AFTER DELETE ON vacancy BEGIN INSERT INTO vacancy_fts(vacancy_fts, rowid, search_key) VALUES ('delete', old.rowid, old.search_key); END;");
            migrationBuilder.Sql("CREATE TRIGGER vacancy_fts_update AFTER UPDATE OF search_key ON vacancy BEGIN INSERT INTO vacancy_fts(vacancy_fts, rowid, search_key) VALUES ('delete', old.rowid, old.search_key); INSERT INTO vacancy_fts(rowid, search_key) VALUES (new.rowid, new.search_key); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS vacancy_fts_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS vacancy_fts_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS vacancy_fts_insert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS vacancy_fts;");
        }
    }
}
