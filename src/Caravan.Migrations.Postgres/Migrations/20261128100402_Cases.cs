using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caravan.Migrations.Postgres.Migrations
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
                type: "uuid",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "detail",
                table: "fact",
                type: "character varying(24)",
                maxLength: 24,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(20)",
                oldMaxLength: 20,
                oldNullable: true);

            migrationBuilder.AddColumn<int>(
                name: "days_to_close",
                table: "fact",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "days_to_first_contact",
                table: "fact",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "outcome",
                table: "fact",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "priority",
                table: "fact",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "amount_recovered_usd",
                table: "agency_scorecard",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "cases_resolved_percent",
                table: "agency_scorecard",
                type: "numeric(5,1)",
                precision: 5,
                scale: 1,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "cases_substantiated",
                table: "agency_scorecard",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "case_team",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    country_code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    city = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_team", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sanction_proposal",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    agency_id = table.Column<Guid>(type: "uuid", nullable: false),
                    proposed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    case_count = table.Column<int>(type: "integer", nullable: false),
                    window_months = table.Column<int>(type: "integer", nullable: false),
                    response_deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    decided_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    decided_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    decision_note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
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
                    team_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    is_supervisor = table.Column<bool>(type: "boolean", nullable: false)
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
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    reference = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    channel = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    category = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    priority = table.Column<int>(type: "integer", nullable: false),
                    computed_priority = table.Column<int>(type: "integer", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: true),
                    country_code = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    city = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    agency_id = table.Column<Guid>(type: "uuid", nullable: true),
                    employer_id = table.Column<Guid>(type: "uuid", nullable: true),
                    employer_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    narrative_cipher = table.Column<string>(type: "text", nullable: false),
                    indicators_cipher = table.Column<string>(type: "text", nullable: false),
                    indicator_count = table.Column<int>(type: "integer", nullable: false),
                    team_id = table.Column<Guid>(type: "uuid", nullable: false),
                    assignee_id = table.Column<Guid>(type: "uuid", nullable: true),
                    status = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    language = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    opened_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    opened_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    first_contact_due_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    resolution_due_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    first_contact_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    escalated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    closed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    substantiated = table.Column<bool>(type: "boolean", nullable: false),
                    amount_recovered = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    recovered_currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    documents_returned = table.Column<bool>(type: "boolean", nullable: false),
                    repatriated = table.Column<bool>(type: "boolean", nullable: false),
                    outcome_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    referred_to = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    external_reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    tracking_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    submission_key = table.Column<Guid>(type: "uuid", nullable: false)
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
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    storage_key = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    content_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    length = table.Column<long>(type: "bigint", nullable: false),
                    file_name_cipher = table.Column<string>(type: "text", nullable: false),
                    uploaded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    from_reporter = table.Column<bool>(type: "boolean", nullable: false)
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
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    actor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    actor_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    from_reporter = table.Column<bool>(type: "boolean", nullable: false),
                    text_cipher = table.Column<string>(type: "text", nullable: true),
                    detail = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    due_on = table.Column<DateOnly>(type: "date", nullable: true),
                    attachment_id = table.Column<Guid>(type: "uuid", nullable: true)
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
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    granted_by_id = table.Column<Guid>(type: "uuid", nullable: false),
                    granted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                filter: "status = 'Open'")
                .Annotation("Npgsql:IndexInclude", new[] { "category", "opened_at", "first_contact_at", "first_contact_due_at", "resolution_due_at" });

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

            migrationBuilder.AlterColumn<string>(
                name: "detail",
                table: "fact",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(24)",
                oldMaxLength: 24,
                oldNullable: true);
        }
    }
}
