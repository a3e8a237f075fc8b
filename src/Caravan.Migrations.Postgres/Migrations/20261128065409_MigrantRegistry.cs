using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caravan.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class MigrantRegistry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "fact",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    sex = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: true),
                    age_band = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    region_of_origin = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    destination = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    isco_group = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: true),
                    agency_id = table.Column<Guid>(type: "uuid", nullable: true),
                    detail = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    recorded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fact", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "person",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    reference = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    channel = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    given_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    family_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    patronymic = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    given_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    family_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    patronymic_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    birth_date = table.Column<DateOnly>(type: "date", nullable: true),
                    birth_year = table.Column<int>(type: "integer", nullable: true),
                    sex = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    citizenship = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    region_code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    document_cipher = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    document_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    document_hint = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    education = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    occupations = table.Column<List<string>>(type: "text[]", nullable: false),
                    skills = table.Column<List<string>>(type: "text[]", nullable: false),
                    preferred_destinations = table.Column<List<string>>(type: "text[]", nullable: false),
                    merged_into_id = table.Column<Guid>(type: "uuid", nullable: true),
                    registered_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    registered_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    languages = table.Column<string>(type: "jsonb", nullable: true),
                    work_history = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "consent",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    purpose = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    agency_id = table.Column<Guid>(type: "uuid", nullable: true),
                    notice_version = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    notice_language = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    notice_text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    given_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    given_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recorded_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    withdrawn_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_consent", x => x.id);
                    table.ForeignKey(
                        name: "fk_consent_person_person_id",
                        column: x => x.person_id,
                        principalTable: "person",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "departure",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    vacancy_id = table.Column<Guid>(type: "uuid", nullable: true),
                    employer_id = table.Column<Guid>(type: "uuid", nullable: true),
                    agency_id = table.Column<Guid>(type: "uuid", nullable: true),
                    independent = table.Column<bool>(type: "boolean", nullable: false),
                    destination = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    city = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    employer_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    occupation = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    wage = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    hours_per_week = table.Column<int>(type: "integer", nullable: false),
                    contract_months = table.Column<int>(type: "integer", nullable: false),
                    contract_flags = table.Column<List<string>>(type: "text[]", nullable: false),
                    departure_date = table.Column<DateOnly>(type: "date", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    recorded_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    costs = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_departure", x => x.id);
                    table.ForeignKey(
                        name: "fk_departure_person_person_id",
                        column: x => x.person_id,
                        principalTable: "person",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "duplicate_candidate",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    keep_id = table.Column<Guid>(type: "uuid", nullable: false),
                    other_id = table.Column<Guid>(type: "uuid", nullable: false),
                    weight = table.Column<double>(type: "double precision", nullable: false),
                    certain = table.Column<bool>(type: "boolean", nullable: false),
                    reasons = table.Column<List<string>>(type: "text[]", nullable: false),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    found_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    decided_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    decided_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_duplicate_candidate", x => x.id);
                    table.ForeignKey(
                        name: "fk_duplicate_candidate_person_keep_id",
                        column: x => x.keep_id,
                        principalTable: "person",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_duplicate_candidate_person_other_id",
                        column: x => x.other_id,
                        principalTable: "person",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "person_access_log",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    actor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    actor_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    actor_role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    organisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    reason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person_access_log", x => x.id);
                    table.ForeignKey(
                        name: "fk_person_access_log_person_person_id",
                        column: x => x.person_id,
                        principalTable: "person",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "person_change",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    by_role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    field = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    old_value = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    new_value = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    reviewed_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reviewed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    review_note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person_change", x => x.id);
                    table.ForeignKey(
                        name: "fk_person_change_person_person_id",
                        column: x => x.person_id,
                        principalTable: "person",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "person_return",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    departure_id = table.Column<Guid>(type: "uuid", nullable: true),
                    return_date = table.Column<DateOnly>(type: "date", nullable: false),
                    reason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    country_from = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    recorded_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person_return", x => x.id);
                    table.ForeignKey(
                        name: "fk_person_return_person_person_id",
                        column: x => x.person_id,
                        principalTable: "person",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_consent_person_id_purpose",
                table: "consent",
                columns: new[] { "person_id", "purpose" });

            migrationBuilder.CreateIndex(
                name: "ix_departure_agency_id",
                table: "departure",
                column: "agency_id");

            migrationBuilder.CreateIndex(
                name: "ix_departure_person_id_departure_date",
                table: "departure",
                columns: new[] { "person_id", "departure_date" });

            migrationBuilder.CreateIndex(
                name: "ix_duplicate_candidate_keep_id_other_id",
                table: "duplicate_candidate",
                columns: new[] { "keep_id", "other_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_duplicate_candidate_other_id",
                table: "duplicate_candidate",
                column: "other_id");

            migrationBuilder.CreateIndex(
                name: "ix_duplicate_candidate_status_found_at",
                table: "duplicate_candidate",
                columns: new[] { "status", "found_at" });

            migrationBuilder.CreateIndex(
                name: "ix_fact_kind_date",
                table: "fact",
                columns: new[] { "kind", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_person_document_hash",
                table: "person",
                column: "document_hash");

            migrationBuilder.CreateIndex(
                name: "ix_person_merged_into_id",
                table: "person",
                column: "merged_into_id");

            migrationBuilder.CreateIndex(
                name: "ix_person_phone",
                table: "person",
                column: "phone");

            migrationBuilder.CreateIndex(
                name: "ix_person_reference",
                table: "person",
                column: "reference",
                unique: true);

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

            migrationBuilder.CreateIndex(
                name: "ix_person_access_log_person_id_at",
                table: "person_access_log",
                columns: new[] { "person_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_person_change_person_id_at",
                table: "person_change",
                columns: new[] { "person_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_person_change_status",
                table: "person_change",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_person_return_departure_id",
                table: "person_return",
                column: "departure_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_person_return_person_id_return_date",
                table: "person_return",
                columns: new[] { "person_id", "return_date" });

            // Name search is by key prefix (LIKE 'kar%'); under a non-C collation only a pattern_ops index serves it.
            migrationBuilder.Sql("CREATE INDEX ix_person_family_key_prefix ON person (family_key text_pattern_ops) WHERE status = 'Active';");
            migrationBuilder.Sql("CREATE INDEX ix_person_given_key_prefix ON person (given_key text_pattern_ops) WHERE status = 'Active';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_person_family_key_prefix;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_person_given_key_prefix;");
            migrationBuilder.DropTable(
                name: "consent");

            migrationBuilder.DropTable(
                name: "departure");

            migrationBuilder.DropTable(
                name: "duplicate_candidate");

            migrationBuilder.DropTable(
                name: "fact");

            migrationBuilder.DropTable(
                name: "person_access_log");

            migrationBuilder.DropTable(
                name: "person_change");

            migrationBuilder.DropTable(
                name: "person_return");

            migrationBuilder.DropTable(
                name: "person");
        }
    }
}
