using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caravan.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ImportedDatasets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "stat_dataset",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    code = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    indicator = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    measure = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stat_dataset", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "stat_upload",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    storage_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    length = table.Column<long>(type: "INTEGER", nullable: false),
                    uploaded_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    uploaded_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    mapping = table.Column<string>(type: "TEXT", nullable: true),
                    names = table.Column<string>(type: "TEXT", nullable: true),
                    version_id = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stat_upload", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "stat_dataset_version",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    dataset_id = table.Column<int>(type: "INTEGER", nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    licence = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    file_sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    imported_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    imported_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    superseded_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    observation_count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stat_dataset_version", x => x.id);
                    table.ForeignKey(
                        name: "fk_stat_dataset_version_stat_dataset_dataset_id",
                        column: x => x.dataset_id,
                        principalTable: "stat_dataset",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "stat_observation",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    version_id = table.Column<int>(type: "INTEGER", nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    origin = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    region = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    destination = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    sex = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    age_band = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    value = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stat_observation", x => x.id);
                    table.ForeignKey(
                        name: "fk_stat_observation_stat_dataset_version_version_id",
                        column: x => x.version_id,
                        principalTable: "stat_dataset_version",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_stat_dataset_code",
                table: "stat_dataset",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stat_dataset_version_dataset_id_number",
                table: "stat_dataset_version",
                columns: new[] { "dataset_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stat_dataset_version_file_sha256",
                table: "stat_dataset_version",
                column: "file_sha256",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stat_observation_version_id_date_origin_region_destination_sex_age_band",
                table: "stat_observation",
                columns: new[] { "version_id", "date", "origin", "region", "destination", "sex", "age_band" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stat_upload_sha256",
                table: "stat_upload",
                column: "sha256",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "stat_observation");

            migrationBuilder.DropTable(
                name: "stat_upload");

            migrationBuilder.DropTable(
                name: "stat_dataset_version");

            migrationBuilder.DropTable(
                name: "stat_dataset");
        }
    }
}
