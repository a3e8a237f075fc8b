using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caravan.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ExchangeMessages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "partner_id",
                table: "outbox_messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "employment_abroad",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    departure_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    partner_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    message_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    destination = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    region = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    occupation = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    permit_kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    employer_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    registered_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    received_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_employment_abroad", x => x.id);
                    table.ForeignKey(
                        name: "fk_employment_abroad_person_person_id",
                        column: x => x.person_id,
                        principalTable: "person",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "employment_reports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    partner_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    message_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    card_code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    region = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    occupation = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    permit_kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    employer_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    registered_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_employment_reports", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "exchange_inbox",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    partner_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    purpose = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    sent_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    received_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exchange_inbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "exchange_refusals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    message_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    key_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    partner_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    detail = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exchange_refusals", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_employment_abroad_message_id",
                table: "employment_abroad",
                column: "message_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_employment_abroad_person_id",
                table: "employment_abroad",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_employment_reports_created_at",
                table: "employment_reports",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_employment_reports_message_id",
                table: "employment_reports",
                column: "message_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_exchange_inbox_received_at",
                table: "exchange_inbox",
                column: "received_at");

            migrationBuilder.CreateIndex(
                name: "ix_exchange_refusals_at",
                table: "exchange_refusals",
                column: "at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "employment_abroad");

            migrationBuilder.DropTable(
                name: "employment_reports");

            migrationBuilder.DropTable(
                name: "exchange_inbox");

            migrationBuilder.DropTable(
                name: "exchange_refusals");

            migrationBuilder.DropColumn(
                name: "partner_id",
                table: "outbox_messages");
        }
    }
}
