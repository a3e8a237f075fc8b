using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caravan.Migrations.Postgres.Migrations
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
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "guarantee_amount",
                table: "agency",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "guarantee_currency",
                table: "agency",
                type: "character varying(3)",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "phone",
                table: "agency",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            // Existing agencies predate sectors; an empty array keeps the column NOT NULL on a populated table.
            migrationBuilder.AddColumn<List<string>>(
                name: "sectors",
                table: "agency",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<string>(
                name: "status_reason",
                table: "agency",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "licence_application",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    reference = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    applicant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    legal_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    registration_number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    region_code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    email = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    phone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    destinations = table.Column<List<string>>(type: "text[]", nullable: false),
                    sectors = table.Column<List<string>>(type: "text[]", nullable: false),
                    guarantee_amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    guarantee_currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    submitted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    decided_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    decision_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    agency_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_licence_application", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "licence_event",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    agency_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    actor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    valid_until = table.Column<DateOnly>(type: "date", nullable: true),
                    suspended_until = table.Column<DateOnly>(type: "date", nullable: true)
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
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    application_id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    length = table.Column<long>(type: "bigint", nullable: false),
                    storage_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    uploaded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
