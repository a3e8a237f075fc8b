using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caravan.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Baseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "agency",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    name_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    registration_number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    licence_number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    licence_status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    licence_valid_until = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    suspended_until = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    country_code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    region_code = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    phone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    sectors = table.Column<string>(type: "TEXT", nullable: false),
                    guarantee_amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    guarantee_currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    status_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agency", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "api_key",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    prefix = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    secret_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    agency_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    partner_node = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    analyst = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    revoked_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_key", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    concurrency_stamp = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_roles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    display_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    agency_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    country_code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    is_demo = table.Column<bool>(type: "INTEGER", nullable: false),
                    deactivated_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", nullable: true),
                    security_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    concurrency_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    lockout_end = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    access_failed_count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_entry",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    actor_role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    actor_kind = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    entity_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    entity_id = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    changes = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_entry", x => x.id);
                });

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
                name: "country",
                columns: table => new
                {
                    alpha2 = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    alpha3 = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    numeric = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    name_en = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_country", x => x.alpha2);
                });

            migrationBuilder.CreateTable(
                name: "currency",
                columns: table => new
                {
                    code = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    number = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    minor_units = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_currency", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "exchange_rate",
                columns: table => new
                {
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    units_per_usd = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: false),
                    as_of = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exchange_rate", x => x.currency);
                });

            migrationBuilder.CreateTable(
                name: "exchange_rate_history",
                columns: table => new
                {
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    as_of = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    units_per_usd = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exchange_rate_history", x => new { x.currency, x.as_of });
                });

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
                    detail = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    priority = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    days_to_first_contact = table.Column<int>(type: "INTEGER", nullable: true),
                    days_to_close = table.Column<int>(type: "INTEGER", nullable: true),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    earnings = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fact", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "fact_kind_status",
                columns: table => new
                {
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    introduced_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    backfilled_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    backfilled = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fact_kind_status", x => x.kind);
                });

            migrationBuilder.CreateTable(
                name: "isco_groups",
                columns: table => new
                {
                    code = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    level = table.Column<int>(type: "INTEGER", nullable: false),
                    parent_code = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    title_en = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_isco_groups", x => x.code);
                });

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
                name: "message_opt_outs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    recipient_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_message_opt_outs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "minimum_wage",
                columns: table => new
                {
                    country_code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    monthly_amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    effective_from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_minimum_wage", x => x.country_code);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    template = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    culture = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    security = table.Column<bool>(type: "INTEGER", nullable: false),
                    recipient_cipher = table.Column<string>(type: "TEXT", nullable: false),
                    recipient_hint = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    subject_cipher = table.Column<string>(type: "TEXT", nullable: true),
                    body_cipher = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    claimed_until = table.Column<DateTime>(type: "TEXT", nullable: true),
                    sent_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    provider_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_messages", x => x.id);
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
                    import_id = table.Column<Guid>(type: "TEXT", nullable: true),
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
                name: "reference_sequence",
                columns: table => new
                {
                    name = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    next_value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reference_sequence", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "registry_import",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    storage_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    bytes_total = table.Column<long>(type: "INTEGER", nullable: false),
                    bytes_done = table.Column<long>(type: "INTEGER", nullable: false),
                    last_row = table.Column<long>(type: "INTEGER", nullable: false),
                    rows_imported = table.Column<long>(type: "INTEGER", nullable: false),
                    rows_failed = table.Column<long>(type: "INTEGER", nullable: false),
                    pairs_merged = table.Column<long>(type: "INTEGER", nullable: false),
                    pairs_for_review = table.Column<long>(type: "INTEGER", nullable: false),
                    created_by_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    loaded_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    finished_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    failure_key = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    failure_argument = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_import", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "staff_policy",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    require_two_factor = table.Column<bool>(type: "INTEGER", nullable: false),
                    changed_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_policy", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "stat_cell",
                columns: table => new
                {
                    indicator = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    month = table.Column<int>(type: "INTEGER", nullable: false),
                    sex = table.Column<string>(type: "TEXT", maxLength: 1, nullable: false),
                    age_band = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    region = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    destination = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    occupation = table.Column<string>(type: "TEXT", maxLength: 1, nullable: false),
                    agency = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    contributors = table.Column<long>(type: "INTEGER", nullable: false),
                    value = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    largest = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    second_largest = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stat_cell", x => new { x.indicator, x.month, x.sex, x.age_band, x.region, x.destination, x.occupation, x.agency, x.category });
                });

            migrationBuilder.CreateTable(
                name: "stat_dataset",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    code = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    indicator = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    measure = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stat_dataset", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "stat_fold_state",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    folded_through = table.Column<DateTime>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false),
                    folded_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    rebuilt_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stat_fold_state", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "stat_pair",
                columns: table => new
                {
                    indicator = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    grouping = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    month = table.Column<int>(type: "INTEGER", nullable: false),
                    key1 = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    key2 = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    contributors = table.Column<long>(type: "INTEGER", nullable: false),
                    value = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    largest = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    second_largest = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stat_pair", x => new { x.indicator, x.grouping, x.month, x.key1, x.key2 });
                });

            migrationBuilder.CreateTable(
                name: "stat_upload",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    storage_key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    length = table.Column<long>(type: "INTEGER", nullable: false),
                    uploaded_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    uploaded_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    mapping = table.Column<string>(type: "TEXT", nullable: true),
                    names = table.Column<string>(type: "TEXT", nullable: true),
                    version_id = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stat_upload", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "subdivision",
                columns: table => new
                {
                    code = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    country_code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    parent_code = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    name = table.Column<string>(type: "TEXT", maxLength: 160, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subdivision", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "violation_type",
                columns: table => new
                {
                    code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    severity = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    active = table.Column<bool>(type: "INTEGER", nullable: false),
                    is_fee_violation = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_violation_type", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "agency_destination",
                columns: table => new
                {
                    agency_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    country_code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agency_destination", x => new { x.agency_id, x.country_code });
                    table.ForeignKey(
                        name: "fk_agency_destination_agency_agency_id",
                        column: x => x.agency_id,
                        principalTable: "agency",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "agency_scorecard",
                columns: table => new
                {
                    agency_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    period_start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    period_end = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    computed_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    vacancies_published = table.Column<int>(type: "INTEGER", nullable: false),
                    positions_offered = table.Column<int>(type: "INTEGER", nullable: false),
                    positions_filled = table.Column<int>(type: "INTEGER", nullable: true),
                    inspections = table.Column<int>(type: "INTEGER", nullable: false),
                    inspections_with_violations = table.Column<int>(type: "INTEGER", nullable: false),
                    sanctions = table.Column<int>(type: "INTEGER", nullable: false),
                    fee_violations = table.Column<int>(type: "INTEGER", nullable: false),
                    cases_per1000placed = table.Column<decimal>(type: "TEXT", precision: 9, scale: 1, nullable: true),
                    cases_substantiated = table.Column<int>(type: "INTEGER", nullable: false),
                    cases_resolved_percent = table.Column<decimal>(type: "TEXT", precision: 5, scale: 1, nullable: true),
                    amount_recovered_usd = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agency_scorecard", x => x.agency_id);
                    table.ForeignKey(
                        name: "fk_agency_scorecard_agency_agency_id",
                        column: x => x.agency_id,
                        principalTable: "agency",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "foreign_employer",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    status_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    country_code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    registration_id = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    sector = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    agency_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_foreign_employer", x => x.id);
                    table.ForeignKey(
                        name: "fk_foreign_employer_agency_agency_id",
                        column: x => x.agency_id,
                        principalTable: "agency",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "inspection",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    agency_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    inspected_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    findings = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    sanction = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    response_deadline = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    inspector_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspection", x => x.id);
                    table.ForeignKey(
                        name: "fk_inspection_agency_agency_id",
                        column: x => x.agency_id,
                        principalTable: "agency",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
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
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    role_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    claim_type = table.Column<string>(type: "TEXT", nullable: true),
                    claim_value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_role_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_asp_net_role_claims_asp_net_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "AspNetRoles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    claim_type = table.Column<string>(type: "TEXT", nullable: true),
                    claim_value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_asp_net_user_claims_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    provider_key = table.Column<string>(type: "TEXT", nullable: false),
                    provider_display_name = table.Column<string>(type: "TEXT", nullable: true),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "fk_asp_net_user_logins_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    role_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_roles", x => new { x.user_id, x.role_id });
                    table.ForeignKey(
                        name: "fk_asp_net_user_roles_asp_net_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "AspNetRoles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_asp_net_user_roles_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "fk_asp_net_user_tokens_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "staff_invitations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    used_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    withdrawn_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    invited_by_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_invitations", x => x.id);
                    table.ForeignKey(
                        name: "fk_staff_invitations_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
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
                name: "country_name",
                columns: table => new
                {
                    country_code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    language = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 160, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_country_name", x => new { x.country_code, x.language });
                    table.ForeignKey(
                        name: "fk_country_name_country_country_code",
                        column: x => x.country_code,
                        principalTable: "country",
                        principalColumn: "alpha2",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "isco_titles",
                columns: table => new
                {
                    code = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    language = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_isco_titles", x => new { x.code, x.language });
                    table.ForeignKey(
                        name: "fk_isco_titles_isco_groups_code",
                        column: x => x.code,
                        principalTable: "isco_groups",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
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
                    reason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: true)
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

            migrationBuilder.CreateTable(
                name: "registry_import_error",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    import_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    row = table.Column<long>(type: "INTEGER", nullable: false),
                    column = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registry_import_error", x => x.id);
                    table.ForeignKey(
                        name: "fk_registry_import_error_registry_import_import_id",
                        column: x => x.import_id,
                        principalTable: "registry_import",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "stat_dataset_version",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    dataset_id = table.Column<int>(type: "INTEGER", nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    licence = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    file_sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    imported_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    imported_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    superseded_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    observation_count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stat_dataset_version", x => x.id);
                    table.ForeignKey(
                        name: "fk_stat_dataset_version_stat_dataset_dataset_id",
                        column: x => x.dataset_id,
                        principalTable: "stat_dataset",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
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
                    resolution_escalated = table.Column<bool>(type: "INTEGER", nullable: false),
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
                name: "vacancy",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    agency_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    employer_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    isco_code = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    search_key = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    destination_country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    city = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    positions = table.Column<int>(type: "INTEGER", nullable: false),
                    wage_amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    wage_currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    wage_usd_cents = table.Column<long>(type: "INTEGER", nullable: true),
                    fee_free = table.Column<bool>(type: "INTEGER", nullable: false, defaultValue: true),
                    hours_per_week = table.Column<int>(type: "INTEGER", nullable: false),
                    contract_months = table.Column<int>(type: "INTEGER", nullable: false),
                    housing_provided = table.Column<bool>(type: "INTEGER", nullable: false),
                    meals_provided = table.Column<bool>(type: "INTEGER", nullable: false),
                    transport_provided = table.Column<bool>(type: "INTEGER", nullable: false),
                    application_deadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    text_language = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    required_languages = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    required_skills = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    agency_reference = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    submitted_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    reviewed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    review_note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    published_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    closed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    closed_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vacancy", x => x.id);
                    table.ForeignKey(
                        name: "fk_vacancy_agency_agency_id",
                        column: x => x.agency_id,
                        principalTable: "agency",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_vacancy_foreign_employer_employer_id",
                        column: x => x.employer_id,
                        principalTable: "foreign_employer",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "inspection_violation",
                columns: table => new
                {
                    inspection_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    violation_code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspection_violation", x => new { x.inspection_id, x.violation_code });
                    table.ForeignKey(
                        name: "fk_inspection_violation_inspection_inspection_id",
                        column: x => x.inspection_id,
                        principalTable: "inspection",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_inspection_violation_violation_type_violation_code",
                        column: x => x.violation_code,
                        principalTable: "violation_type",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "stat_observation",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    version_id = table.Column<int>(type: "INTEGER", nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    origin = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    region = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    destination = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    sex = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    age_band = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    value = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stat_observation", x => x.id);
                    table.ForeignKey(
                        name: "fk_stat_observation_stat_dataset_version_version_id",
                        column: x => x.version_id,
                        principalTable: "stat_dataset_version",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
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

            migrationBuilder.CreateTable(
                name: "vacancy_cost",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    vacancy_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    item = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vacancy_cost", x => x.id);
                    table.ForeignKey(
                        name: "fk_vacancy_cost_vacancy_vacancy_id",
                        column: x => x.vacancy_id,
                        principalTable: "vacancy",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "vacancy_translation",
                columns: table => new
                {
                    vacancy_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    language = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vacancy_translation", x => new { x.vacancy_id, x.language });
                    table.ForeignKey(
                        name: "fk_vacancy_translation_vacancy_vacancy_id",
                        column: x => x.vacancy_id,
                        principalTable: "vacancy",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_agencies_name_key",
                table: "agency",
                column: "name_key");

            migrationBuilder.CreateIndex(
                name: "ux_agencies_licence_number",
                table: "agency",
                column: "licence_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_agency_destinations_country_code",
                table: "agency_destination",
                column: "country_code");

            migrationBuilder.CreateIndex(
                name: "ux_api_keys_secret_hash",
                table: "api_key",
                column: "secret_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_role_claims_role_id",
                table: "AspNetRoleClaims",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_user_claims_user_id",
                table: "AspNetUserClaims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_user_logins_user_id",
                table: "AspNetUserLogins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_user_roles_role_id",
                table: "AspNetUserRoles",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "normalized_user_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_at",
                table: "audit_entry",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_entity",
                table: "audit_entry",
                columns: new[] { "entity_type", "entity_id" });

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
                name: "ix_fact_recorded_at",
                table: "fact",
                column: "recorded_at");

            migrationBuilder.CreateIndex(
                name: "ix_foreign_employer_agency_id",
                table: "foreign_employer",
                column: "agency_id");

            migrationBuilder.CreateIndex(
                name: "ix_inspections_agency_id_inspected_on",
                table: "inspection",
                columns: new[] { "agency_id", "inspected_on" });

            migrationBuilder.CreateIndex(
                name: "ux_inspections_reference",
                table: "inspection",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inspection_violation_violation_code",
                table: "inspection_violation",
                column: "violation_code");

            migrationBuilder.CreateIndex(
                name: "ix_isco_groups_parent_code",
                table: "isco_groups",
                column: "parent_code");

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

            migrationBuilder.CreateIndex(
                name: "ix_message_opt_outs_channel_recipient_hash",
                table: "message_opt_outs",
                columns: new[] { "channel", "recipient_hash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_created_at",
                table: "outbox_messages",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_due",
                table: "outbox_messages",
                columns: new[] { "status", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_person_birth_date",
                table: "person",
                column: "birth_date");

            migrationBuilder.CreateIndex(
                name: "ix_person_document_hash",
                table: "person",
                column: "document_hash",
                filter: "document_hash IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_person_merged_into_id",
                table: "person",
                column: "merged_into_id",
                filter: "merged_into_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_person_phone",
                table: "person",
                column: "phone",
                filter: "phone IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_person_reference",
                table: "person",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_person_user_id",
                table: "person",
                column: "user_id",
                filter: "user_id IS NOT NULL");

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

            migrationBuilder.CreateIndex(
                name: "ix_registry_import_created_at",
                table: "registry_import",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_registry_import_error_import_id_row",
                table: "registry_import_error",
                columns: new[] { "import_id", "row" });

            migrationBuilder.CreateIndex(
                name: "ix_sanction_proposal_agency_id_status",
                table: "sanction_proposal",
                columns: new[] { "agency_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_staff_invitations_user_id",
                table: "staff_invitations",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_stat_dataset_code",
                table: "stat_dataset",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stat_dataset_version_dataset_id_number",
                table: "stat_dataset_version",
                columns: new[] { "dataset_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stat_dataset_version_file_sha256",
                table: "stat_dataset_version",
                column: "file_sha256",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stat_observation_version_id_date_origin_region_destination_sex_age_band",
                table: "stat_observation",
                columns: new[] { "version_id", "date", "origin", "region", "destination", "sex", "age_band" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stat_upload_sha256",
                table: "stat_upload",
                column: "sha256",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_subdivisions_country_code",
                table: "subdivision",
                column: "country_code");

            migrationBuilder.CreateIndex(
                name: "ix_vacancies_destination_country",
                table: "vacancy",
                column: "destination_country");

            migrationBuilder.CreateIndex(
                name: "ix_vacancies_isco_code",
                table: "vacancy",
                column: "isco_code");

            migrationBuilder.CreateIndex(
                name: "ix_vacancies_status_published_at",
                table: "vacancy",
                columns: new[] { "status", "published_at" });

            migrationBuilder.CreateIndex(
                name: "ix_vacancies_status_wage_usd_cents",
                table: "vacancy",
                columns: new[] { "status", "wage_usd_cents" });

            migrationBuilder.CreateIndex(
                name: "ix_vacancy_employer_id",
                table: "vacancy",
                column: "employer_id");

            migrationBuilder.CreateIndex(
                name: "ux_vacancies_agency_id_agency_reference",
                table: "vacancy",
                columns: new[] { "agency_id", "agency_reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_vacancies_reference",
                table: "vacancy",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_vacancy_cost_vacancy_id",
                table: "vacancy_cost",
                column: "vacancy_id");

            // Hand-written, carried over from the migrations before the squash (ADR 0007); BaselineObjectsTests checks them.
            // Vacancy search: an FTS5 trigram index kept in step with vacancy.search_key by triggers.
            migrationBuilder.Sql("CREATE VIRTUAL TABLE vacancy_fts USING fts5(search_key, content='vacancy', content_rowid='rowid', tokenize='trigram');");
            migrationBuilder.Sql("CREATE TRIGGER vacancy_fts_insert AFTER INSERT ON vacancy BEGIN INSERT INTO vacancy_fts(rowid, search_key) VALUES (new.rowid, new.search_key); END;");
            migrationBuilder.Sql("CREATE TRIGGER vacancy_fts_delete AFTER DELETE ON vacancy BEGIN INSERT INTO vacancy_fts(vacancy_fts, rowid, search_key) VALUES ('delete', old.rowid, old.search_key); END;");
            migrationBuilder.Sql("CREATE TRIGGER vacancy_fts_update AFTER UPDATE OF search_key ON vacancy BEGIN INSERT INTO vacancy_fts(vacancy_fts, rowid, search_key) VALUES ('delete', old.rowid, old.search_key); INSERT INTO vacancy_fts(rowid, search_key) VALUES (new.rowid, new.search_key); END;");

            // The fact kinds whose records predate their facts on an upgraded node; a fresh node marks them backfilled at once.
            migrationBuilder.Sql("INSERT INTO fact_kind_status (kind, introduced_at, backfilled) VALUES ('Placement', strftime('%Y-%m-%d %H:%M:%f', 'now'), 0), ('VacancyPublished', strftime('%Y-%m-%d %H:%M:%f', 'now'), 0), ('VacancyClosed', strftime('%Y-%m-%d %H:%M:%f', 'now'), 0), ('Licence', strftime('%Y-%m-%d %H:%M:%f', 'now'), 0), ('Inspection', strftime('%Y-%m-%d %H:%M:%f', 'now'), 0), ('Sanction', strftime('%Y-%m-%d %H:%M:%f', 'now'), 0), ('FeeViolation', strftime('%Y-%m-%d %H:%M:%f', 'now'), 0), ('TipReceived', strftime('%Y-%m-%d %H:%M:%f', 'now'), 0), ('CaseIndicator', strftime('%Y-%m-%d %H:%M:%f', 'now'), 0), ('WagesRecovered', strftime('%Y-%m-%d %H:%M:%f', 'now'), 0), ('RecruitmentCost', strftime('%Y-%m-%d %H:%M:%f', 'now'), 0), ('StayEnded', strftime('%Y-%m-%d %H:%M:%f', 'now'), 0);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS vacancy_fts_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS vacancy_fts_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS vacancy_fts_insert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS vacancy_fts;");

            migrationBuilder.DropTable(
                name: "agency_destination");

            migrationBuilder.DropTable(
                name: "agency_scorecard");

            migrationBuilder.DropTable(
                name: "api_key");

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "audit_entry");

            migrationBuilder.DropTable(
                name: "case_attachment");

            migrationBuilder.DropTable(
                name: "case_event");

            migrationBuilder.DropTable(
                name: "case_grant");

            migrationBuilder.DropTable(
                name: "case_team_member");

            migrationBuilder.DropTable(
                name: "consent");

            migrationBuilder.DropTable(
                name: "country_name");

            migrationBuilder.DropTable(
                name: "currency");

            migrationBuilder.DropTable(
                name: "departure");

            migrationBuilder.DropTable(
                name: "duplicate_candidate");

            migrationBuilder.DropTable(
                name: "exchange_rate");

            migrationBuilder.DropTable(
                name: "exchange_rate_history");

            migrationBuilder.DropTable(
                name: "fact");

            migrationBuilder.DropTable(
                name: "fact_kind_status");

            migrationBuilder.DropTable(
                name: "inspection_violation");

            migrationBuilder.DropTable(
                name: "isco_titles");

            migrationBuilder.DropTable(
                name: "licence_document");

            migrationBuilder.DropTable(
                name: "licence_event");

            migrationBuilder.DropTable(
                name: "message_opt_outs");

            migrationBuilder.DropTable(
                name: "minimum_wage");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "person_access_log");

            migrationBuilder.DropTable(
                name: "person_change");

            migrationBuilder.DropTable(
                name: "person_return");

            migrationBuilder.DropTable(
                name: "reference_sequence");

            migrationBuilder.DropTable(
                name: "registry_import_error");

            migrationBuilder.DropTable(
                name: "sanction_proposal");

            migrationBuilder.DropTable(
                name: "staff_invitations");

            migrationBuilder.DropTable(
                name: "staff_policy");

            migrationBuilder.DropTable(
                name: "stat_cell");

            migrationBuilder.DropTable(
                name: "stat_fold_state");

            migrationBuilder.DropTable(
                name: "stat_observation");

            migrationBuilder.DropTable(
                name: "stat_pair");

            migrationBuilder.DropTable(
                name: "stat_upload");

            migrationBuilder.DropTable(
                name: "subdivision");

            migrationBuilder.DropTable(
                name: "vacancy_cost");

            migrationBuilder.DropTable(
                name: "vacancy_translation");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "legal_case");

            migrationBuilder.DropTable(
                name: "country");

            migrationBuilder.DropTable(
                name: "inspection");

            migrationBuilder.DropTable(
                name: "violation_type");

            migrationBuilder.DropTable(
                name: "isco_groups");

            migrationBuilder.DropTable(
                name: "licence_application");

            migrationBuilder.DropTable(
                name: "registry_import");

            migrationBuilder.DropTable(
                name: "stat_dataset_version");

            migrationBuilder.DropTable(
                name: "vacancy");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "case_team");

            migrationBuilder.DropTable(
                name: "person");

            migrationBuilder.DropTable(
                name: "stat_dataset");

            migrationBuilder.DropTable(
                name: "foreign_employer");

            migrationBuilder.DropTable(
                name: "agency");
        }
    }
}
