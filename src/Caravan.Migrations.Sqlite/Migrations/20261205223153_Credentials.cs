using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caravan.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Credentials : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "credential",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    subject_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    initials = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    about = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    token = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    issued_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    revoked_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    revoked_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_credential", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_credential_code",
                table: "credential",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_credential_kind_subject_id",
                table: "credential",
                columns: new[] { "kind", "subject_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_credential_person_id",
                table: "credential",
                column: "person_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "credential");
        }
    }
}
