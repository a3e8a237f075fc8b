using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caravan.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class StatisticsLayer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "amount",
                table: "fact",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "earnings",
                table: "fact",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "analyst",
                table: "api_key",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "exchange_rate_history",
                columns: table => new
                {
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    as_of = table.Column<DateOnly>(type: "date", nullable: false),
                    units_per_usd = table.Column<decimal>(type: "numeric(18,6)", precision: 18, scale: 6, nullable: false),
                    source = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exchange_rate_history", x => new { x.currency, x.as_of });
                });

            migrationBuilder.CreateTable(
                name: "fact_kind_status",
                columns: table => new
                {
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    introduced_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    backfilled_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    backfilled = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fact_kind_status", x => x.kind);
                });

            migrationBuilder.CreateTable(
                name: "stat_cell",
                columns: table => new
                {
                    indicator = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    month = table.Column<int>(type: "integer", nullable: false),
                    sex = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    age_band = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    region = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    destination = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    occupation = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    agency = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    category = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    contributors = table.Column<long>(type: "bigint", nullable: false),
                    value = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: false),
                    largest = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: false),
                    second_largest = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stat_cell", x => new { x.indicator, x.month, x.sex, x.age_band, x.region, x.destination, x.occupation, x.agency, x.category });
                });

            migrationBuilder.CreateTable(
                name: "stat_fold_state",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    folded_through = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    folded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    rebuilt_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stat_fold_state", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "stat_pair",
                columns: table => new
                {
                    indicator = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    grouping = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    month = table.Column<int>(type: "integer", nullable: false),
                    key1 = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    key2 = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    contributors = table.Column<long>(type: "bigint", nullable: false),
                    value = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: false),
                    largest = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: false),
                    second_largest = table.Column<decimal>(type: "numeric(20,6)", precision: 20, scale: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stat_pair", x => new { x.indicator, x.grouping, x.month, x.key1, x.key2 });
                });

            migrationBuilder.CreateIndex(
                name: "ix_fact_recorded_at",
                table: "fact",
                column: "recorded_at");
            // Records made before today got none of these facts: the backfill-facts command writes them, once per kind.
            migrationBuilder.Sql("INSERT INTO fact_kind_status (kind, introduced_at, backfilled) VALUES ('Placement', now(), 0), ('VacancyPublished', now(), 0), ('VacancyClosed', now(), 0), ('Licence', now(), 0), ('Inspection', now(), 0), ('Sanction', now(), 0), ('FeeViolation', now(), 0), ('TipReceived', now(), 0), ('CaseIndicator', now(), 0), ('WagesRecovered', now(), 0), ('RecruitmentCost', now(), 0), ('StayEnded', now(), 0);");

            // The rates a node already holds start its history.
            migrationBuilder.Sql("INSERT INTO exchange_rate_history (currency, as_of, units_per_usd, source) SELECT currency, as_of, units_per_usd, source FROM exchange_rate;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "exchange_rate_history");

            migrationBuilder.DropTable(
                name: "fact_kind_status");

            migrationBuilder.DropTable(
                name: "stat_cell");

            migrationBuilder.DropTable(
                name: "stat_fold_state");

            migrationBuilder.DropTable(
                name: "stat_pair");

            migrationBuilder.DropIndex(
                name: "ix_fact_recorded_at",
                table: "fact");

            migrationBuilder.DropColumn(
                name: "amount",
                table: "fact");

            migrationBuilder.DropColumn(
                name: "earnings",
                table: "fact");

            migrationBuilder.DropColumn(
                name: "analyst",
                table: "api_key");
        }
    }
}
