using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caravan.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Cases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "case_id",
                table: "person_access_log",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "days_to_close",
                table: "fact",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "days_to_first_contact",
                table: "fact",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "outcome",
                table: "fact",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "priority",
                table: "fact",
                type: "TEXT",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "amount_recovered_usd",
                table: "agency_scorecard",
                type: "TEXT",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "cases_resolved_percent",
                table: "agency_scorecard",
                type: "TEXT",
                precision: 5,
                scale: 1,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "cases_substantiated",
                table: "agency_scorecard",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "case_team",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    country_code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    city = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_team", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sanction_proposal",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    agency_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    proposed_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    case_count = table.Column<int>(type: "INTEGER", nullable: false),
                    window_months = table.Column<int>(type: "INTEGER", nullable: false),
                    response_deadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    decided_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    decided_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    decision_note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sanction_proposal", x => x.id);
                    table.ForeignKey(
                        name: "fk_sanction_proposal_agency_agency_id",
                        column: x => x.agency_id,
                        principalTable: "agency",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_team_member",
                columns: table => new
                {
                    team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    is_supervisor = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_team_member", x => new { x.team_id, x.user_id });
                    table.ForeignKey(
                        name: "fk_case_team_member_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_case_team_member_case_team_team_id",
                        column: x => x.team_id,
                        principalTable: "case_team",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "legal_case",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    priority = table.Column<int>(type: "INTEGER", nullable: false),
                    computed_priority = table.Column<int>(type: "INTEGER", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    country_code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    city = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    agency_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    employer_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    employer_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    narrative_cipher = table.Column<string>(type: "TEXT", nullable: false),
                    indicators_cipher = table.Column<string>(type: "TEXT", nullable: false),
                    indicator_count = table.Column<int>(type: "INTEGER", nullable: false),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    assignee_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    language = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    opened_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    opened_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    first_contact_due_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    resolution_due_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    first_contact_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    escalated_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    closed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    substantiated = table.Column<bool>(type: "INTEGER", nullable: false),
                    amount_recovered = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    recovered_currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    documents_returned = table.Column<bool>(type: "INTEGER", nullable: false),
                    repatriated = table.Column<bool>(type: "INTEGER", nullable: false),
                    outcome_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    referred_to = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    external_reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    tracking_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    submission_key = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_legal_case", x => x.id);
                    table.ForeignKey(
                        name: "fk_legal_case_agency_agency_id",
                        column: x => x.agency_id,
                        principalTable: "agency",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_legal_case_asp_net_users_assignee_id",
                        column: x => x.assignee_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_legal_case_case_team_team_id",
                        column: x => x.team_id,
                        principalTable: "case_team",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_legal_case_foreign_employer_employer_id",
                        column: x => x.employer_id,
                        principalTable: "foreign_employer",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_legal_case_person_person_id",
                        column: x => x.person_id,
                        principalTable: "person",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "case_attachment",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    storage_key = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    length = table.Column<long>(type: "INTEGER", nullable: false),
                    file_name_cipher = table.Column<string>(type: "TEXT", nullable: false),
                    uploaded_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    from_reporter = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_attachment", x => x.id);
                    table.ForeignKey(
                        name: "fk_case_attachment_legal_case_case_id",
                        column: x => x.case_id,
                        principalTable: "legal_case",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_event",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    actor_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    actor_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    from_reporter = table.Column<bool>(type: "INTEGER", nullable: false),
                    text_cipher = table.Column<string>(type: "TEXT", nullable: true),
                    detail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    due_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    attachment_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_event", x => x.id);
                    table.ForeignKey(
                        name: "fk_case_event_legal_case_case_id",
                        column: x => x.case_id,
                        principalTable: "legal_case",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_grant",
                columns: table => new
                {
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    granted_by_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    granted_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_grant", x => new { x.case_id, x.user_id });
                    table.ForeignKey(
                        name: "fk_case_grant_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_case_grant_legal_case_case_id",
                        column: x => x.case_id,
                        principalTable: "legal_case",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_case_attachment_case_id",
                table: "case_attachment",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_case_event_case_id_at",
                table: "case_event",
                columns: new[] { "case_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_case_grant_user_id",
                table: "case_grant",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_case_team_member_user_id",
                table: "case_team_member",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_legal_case_agency_id_closed_at",
                table: "legal_case",
                columns: new[] { "agency_id", "closed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_legal_case_assignee_id_status",
                table: "legal_case",
                columns: new[] { "assignee_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_legal_case_employer_id",
                table: "legal_case",
                column: "employer_id");

            migrationBuilder.CreateIndex(
                name: "ix_legal_case_person_id",
                table: "legal_case",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_legal_case_reference",
                table: "legal_case",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_legal_case_status_escalated_at_first_contact_due_at",
                table: "legal_case",
                columns: new[] { "status", "escalated_at", "first_contact_due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_legal_case_submission_key",
                table: "legal_case",
                column: "submission_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_legal_case_team_id",
                table: "legal_case",
                column: "team_id",
                filter: "status = 'Open'");

            migrationBuilder.CreateIndex(
                name: "ix_legal_case_team_id_status_priority_first_contact_due_at",
                table: "legal_case",
                columns: new[] { "team_id", "status", "priority", "first_contact_due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_legal_case_tracking_hash",
                table: "legal_case",
                column: "tracking_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sanction_proposal_agency_id_status",
                table: "sanction_proposal",
                columns: new[] { "agency_id", "status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_attachment");

            migrationBuilder.DropTable(
                name: "case_event");

            migrationBuilder.DropTable(
                name: "case_grant");

            migrationBuilder.DropTable(
                name: "case_team_member");

            migrationBuilder.DropTable(
                name: "sanction_proposal");

            migrationBuilder.DropTable(
                name: "legal_case");

            migrationBuilder.DropTable(
                name: "case_team");

            migrationBuilder.DropColumn(
                name: "case_id",
                table: "person_access_log");

            migrationBuilder.DropColumn(
                name: "days_to_close",
                table: "fact");

            migrationBuilder.DropColumn(
                name: "days_to_first_contact",
                table: "fact");

            migrationBuilder.DropColumn(
                name: "outcome",
                table: "fact");

            migrationBuilder.DropColumn(
                name: "priority",
                table: "fact");

            migrationBuilder.DropColumn(
                name: "amount_recovered_usd",
                table: "agency_scorecard");

            migrationBuilder.DropColumn(
                name: "cases_resolved_percent",
                table: "agency_scorecard");

            migrationBuilder.DropColumn(
                name: "cases_substantiated",
                table: "agency_scorecard");
        }
    }
}
