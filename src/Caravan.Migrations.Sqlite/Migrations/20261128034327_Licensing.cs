using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caravan.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Licensing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "address",
                table: "agency",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "guarantee_amount",
                table: "agency",
                type: "TEXT",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "guarantee_currency",
                table: "agency",
                type: "TEXT",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "phone",
                table: "agency",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "sectors",
                table: "agency",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "status_reason",
                table: "agency",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "licence_application",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    applicant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    legal_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    registration_number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    phone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    destinations = table.Column<string>(type: "TEXT", nullable: false),
                    sectors = table.Column<string>(type: "TEXT", nullable: false),
                    guarantee_amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    guarantee_currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    submitted_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    decided_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    decision_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    agency_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_licence_application", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "licence_event",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    agency_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    actor_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    valid_until = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    suspended_until = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_licence_event", x => x.id);
                    table.ForeignKey(
                        name: "fk_licence_event_agency_agency_id",
                        column: x => x.agency_id,
                        principalTable: "agency",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "licence_document",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    application_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    length = table.Column<long>(type: "INTEGER", nullable: false),
                    storage_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    uploaded_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_licence_document", x => x.id);
                    table.ForeignKey(
                        name: "fk_licence_document_licence_application_application_id",
                        column: x => x.application_id,
                        principalTable: "licence_application",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_licence_applications_applicant_id",
                table: "licence_application",
                column: "applicant_id");

            migrationBuilder.CreateIndex(
                name: "ix_licence_applications_status",
                table: "licence_application",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ux_licence_applications_reference",
                table: "licence_application",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_licence_document_application_id",
                table: "licence_document",
                column: "application_id");

            migrationBuilder.CreateIndex(
                name: "ix_licence_events_agency_id_at",
                table: "licence_event",
                columns: new[] { "agency_id", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "licence_document");

            migrationBuilder.DropTable(
                name: "licence_event");

            migrationBuilder.DropTable(
                name: "licence_application");

            migrationBuilder.DropColumn(
                name: "address",
                table: "agency");

            migrationBuilder.DropColumn(
                name: "guarantee_amount",
                table: "agency");

            migrationBuilder.DropColumn(
                name: "guarantee_currency",
                table: "agency");

            migrationBuilder.DropColumn(
                name: "phone",
                table: "agency");

            migrationBuilder.DropColumn(
                name: "sectors",
                table: "agency");

            migrationBuilder.DropColumn(
                name: "status_reason",
                table: "agency");
        }
    }
}
