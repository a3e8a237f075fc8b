using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caravan.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PersonIndexesForImport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_person_document_hash",
                table: "person");

            migrationBuilder.DropIndex(
                name: "ix_person_import_id",
                table: "person");

            migrationBuilder.DropIndex(
                name: "ix_person_merged_into_id",
                table: "person");

            migrationBuilder.DropIndex(
                name: "ix_person_phone",
                table: "person");

            migrationBuilder.DropIndex(
                name: "ix_person_user_id",
                table: "person");

            migrationBuilder.DropIndex(
                name: "ix_persons_family_key_birth_year",
                table: "person");

            migrationBuilder.DropIndex(
                name: "ix_persons_given_key",
                table: "person");

            migrationBuilder.CreateIndex(
                name: "ix_person_birth_date",
                table: "person",
                column: "birth_date");

            migrationBuilder.CreateIndex(
                name: "ix_person_document_hash",
                table: "person",
                column: "document_hash",
                filter: "document_hash IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_person_merged_into_id",
                table: "person",
                column: "merged_into_id",
                filter: "merged_into_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_person_phone",
                table: "person",
                column: "phone",
                filter: "phone IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_person_user_id",
                table: "person",
                column: "user_id",
                filter: "user_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_person_birth_date",
                table: "person");

            migrationBuilder.DropIndex(
                name: "ix_person_document_hash",
                table: "person");

            migrationBuilder.DropIndex(
                name: "ix_person_merged_into_id",
                table: "person");

            migrationBuilder.DropIndex(
                name: "ix_person_phone",
                table: "person");

            migrationBuilder.DropIndex(
                name: "ix_person_user_id",
                table: "person");

            migrationBuilder.CreateIndex(
                name: "ix_person_document_hash",
                table: "person",
                column: "document_hash");

            migrationBuilder.CreateIndex(
                name: "ix_person_import_id",
                table: "person",
                column: "import_id");

            migrationBuilder.CreateIndex(
                name: "ix_person_merged_into_id",
                table: "person",
                column: "merged_into_id");

            migrationBuilder.CreateIndex(
                name: "ix_person_phone",
                table: "person",
                column: "phone");

            migrationBuilder.CreateIndex(
                name: "ix_person_user_id",
                table: "person",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_persons_family_key_birth_year",
                table: "person",
                columns: new[] { "family_key", "birth_year" });

            migrationBuilder.CreateIndex(
                name: "ix_persons_given_key",
                table: "person",
                column: "given_key");
        }
    }
}
