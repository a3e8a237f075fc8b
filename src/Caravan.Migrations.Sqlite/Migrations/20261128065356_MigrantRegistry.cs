using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caravan.Migrations.Sqlite.Migrations
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
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    sex = table.Column<string>(type: "TEXT", maxLength: 1, nullable: true),
                    age_band = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    region_of_origin = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    destination = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    isco_group = table.Column<string>(type: "TEXT", maxLength: 1, nullable: true),
                    agency_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    detail = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fact", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "person",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    given_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    family_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    patronymic = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    given_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    family_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    patronymic_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    birth_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    birth_year = table.Column<int>(type: "INTEGER", nullable: true),
                    sex = table.Column<string>(type: "TEXT", maxLength: 6, nullable: true),
                    citizenship = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    document_cipher = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    document_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    document_hint = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    education = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    occupations = table.Column<string>(type: "TEXT", nullable: false),
                    skills = table.Column<string>(type: "TEXT", nullable: false),
                    preferred_destinations = table.Column<string>(type: "TEXT", nullable: false),
                    merged_into_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    registered_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    registered_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    languages = table.Column<string>(type: "TEXT", nullable: true),
                    work_history = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "consent",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    purpose = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    agency_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    notice_version = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    notice_language = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    notice_text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    given_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    given_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    recorded_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    withdrawn_at = table.Column<DateTime>(type: "TEXT", nullable: true)
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
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    vacancy_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    employer_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    agency_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    independent = table.Column<bool>(type: "INTEGER", nullable: false),
                    destination = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    city = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    employer_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    occupation = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    wage = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    hours_per_week = table.Column<int>(type: "INTEGER", nullable: false),
                    contract_months = table.Column<int>(type: "INTEGER", nullable: false),
                    contract_flags = table.Column<string>(type: "TEXT", nullable: false),
                    departure_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    recorded_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    costs = table.Column<string>(type: "TEXT", nullable: true)
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
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    keep_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    other_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    weight = table.Column<double>(type: "REAL", nullable: false),
                    certain = table.Column<bool>(type: "INTEGER", nullable: false),
                    reasons = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    found_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    decided_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    decided_at = table.Column<DateTime>(type: "TEXT", nullable: true)
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
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    actor_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    actor_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    actor_role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    organisation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
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
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    by_user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    by_role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    field = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    old_value = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    new_value = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    reviewed_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    reviewed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    review_note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
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
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    departure_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    return_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    country_from = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    recorded_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
