using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caravan.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CaseReferrals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "case_referrals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    partner_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    message_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    status_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_referrals", x => x.id);
                    table.ForeignKey(
                        name: "fk_case_referrals_legal_case_case_id",
                        column: x => x.case_id,
                        principalTable: "legal_case",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "referred_cases",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    partner_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_ref = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    destination = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    city = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    employer_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    summary_cipher = table.Column<string>(type: "TEXT", nullable: false),
                    language = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    received_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_referred_cases", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_case_referrals_case_id",
                table: "case_referrals",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_referred_cases_partner_id_case_ref",
                table: "referred_cases",
                columns: new[] { "partner_id", "case_ref" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_referred_cases_received_at",
                table: "referred_cases",
                column: "received_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_referrals");

            migrationBuilder.DropTable(
                name: "referred_cases");
        }
    }
}
