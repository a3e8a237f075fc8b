using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caravan.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PassportMatching : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "card_code",
                table: "employment_reports",
                type: "TEXT",
                maxLength: 20,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 20);

            migrationBuilder.AddColumn<string>(
                name: "document_hint",
                table: "employment_reports",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "partner_matching_keys",
                columns: table => new
                {
                    partner_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    key_cipher = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    set_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_partner_matching_keys", x => x.partner_id);
                    table.ForeignKey(
                        name: "fk_partner_matching_keys_partner_node_partner_id",
                        column: x => x.partner_id,
                        principalTable: "partner_node",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "partner_passport_hashes",
                columns: table => new
                {
                    partner_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    hash = table.Column<string>(type: "TEXT", maxLength: 43, nullable: false),
                    source_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_partner_passport_hashes", x => new { x.partner_id, x.person_id });
                    table.ForeignKey(
                        name: "fk_partner_passport_hashes_partner_node_partner_id",
                        column: x => x.partner_id,
                        principalTable: "partner_node",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_partner_passport_hashes_person_person_id",
                        column: x => x.person_id,
                        principalTable: "person",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_partner_passport_hashes_partner_id_hash",
                table: "partner_passport_hashes",
                columns: new[] { "partner_id", "hash" });

            migrationBuilder.CreateIndex(
                name: "ix_partner_passport_hashes_person_id",
                table: "partner_passport_hashes",
                column: "person_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "partner_matching_keys");

            migrationBuilder.DropTable(
                name: "partner_passport_hashes");

            migrationBuilder.DropColumn(
                name: "document_hint",
                table: "employment_reports");

            migrationBuilder.AlterColumn<string>(
                name: "card_code",
                table: "employment_reports",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 20,
                oldNullable: true);
        }
    }
}
