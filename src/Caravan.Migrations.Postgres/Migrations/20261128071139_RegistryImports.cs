using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caravan.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RegistryImports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "import_id",
                table: "person",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "registry_import",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    storage_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    bytes_total = table.Column<long>(type: "bigint", nullable: false),
                    bytes_done = table.Column<long>(type: "bigint", nullable: false),
                    last_row = table.Column<long>(type: "bigint", nullable: false),
                    rows_imported = table.Column<long>(type: "bigint", nullable: false),
                    rows_failed = table.Column<long>(type: "bigint", nullable: false),
                    pairs_merged = table.Column<long>(type: "bigint", nullable: false),
                    pairs_for_review = table.Column<long>(type: "bigint", nullable: false),
                    created_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    loaded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    failure_key = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    failure_argument = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_import", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "registry_import_error",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    import_id = table.Column<Guid>(type: "uuid", nullable: false),
                    row = table.Column<long>(type: "bigint", nullable: false),
                    column = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    key = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_import_error", x => x.id);
                    table.ForeignKey(
                        name: "fk_registry_import_error_registry_import_import_id",
                        column: x => x.import_id,
                        principalTable: "registry_import",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_person_import_id",
                table: "person",
                column: "import_id");

            migrationBuilder.CreateIndex(
                name: "ix_registry_import_created_at",
                table: "registry_import",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_registry_import_error_import_id_row",
                table: "registry_import_error",
                columns: new[] { "import_id", "row" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "registry_import_error");

            migrationBuilder.DropTable(
                name: "registry_import");

            migrationBuilder.DropIndex(
                name: "ix_person_import_id",
                table: "person");

            migrationBuilder.DropColumn(
                name: "import_id",
                table: "person");
        }
    }
}
