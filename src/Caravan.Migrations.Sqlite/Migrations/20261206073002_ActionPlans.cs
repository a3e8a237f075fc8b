using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caravan.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ActionPlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "action_plan",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    parties = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_action_plan", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "plan_activity",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    plan_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    deadline = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_activity", x => x.id);
                    table.ForeignKey(
                        name: "fk_plan_activity_action_plan_plan_id",
                        column: x => x.plan_id,
                        principalTable: "action_plan",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_indicator",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    plan_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    unit = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    baseline = table.Column<decimal>(type: "TEXT", precision: 20, scale: 4, nullable: true),
                    target = table.Column<decimal>(type: "TEXT", precision: 20, scale: 4, nullable: true),
                    linked = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_indicator", x => x.id);
                    table.ForeignKey(
                        name: "fk_plan_indicator_action_plan_plan_id",
                        column: x => x.plan_id,
                        principalTable: "action_plan",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_recommendation",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    plan_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    meeting = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_recommendation", x => x.id);
                    table.ForeignKey(
                        name: "fk_plan_recommendation_action_plan_plan_id",
                        column: x => x.plan_id,
                        principalTable: "action_plan",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_activity_part",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    activity_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    lead = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_activity_part", x => x.id);
                    table.ForeignKey(
                        name: "fk_plan_activity_part_plan_activity_activity_id",
                        column: x => x.activity_id,
                        principalTable: "plan_activity",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_indicator_value",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    indicator_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    actual = table.Column<decimal>(type: "TEXT", precision: 20, scale: 4, nullable: false),
                    on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_indicator_value", x => x.id);
                    table.ForeignKey(
                        name: "fk_plan_indicator_value_plan_indicator_indicator_id",
                        column: x => x.indicator_id,
                        principalTable: "plan_indicator",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "recommendation_follow_up",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    recommendation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recommendation_follow_up", x => x.id);
                    table.ForeignKey(
                        name: "fk_recommendation_follow_up_plan_recommendation_recommendation_id",
                        column: x => x.recommendation_id,
                        principalTable: "plan_recommendation",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_action_plan_code",
                table: "action_plan",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_plan_activity_plan_id_code",
                table: "plan_activity",
                columns: new[] { "plan_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_plan_activity_part_activity_id_country",
                table: "plan_activity_part",
                columns: new[] { "activity_id", "country" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_plan_indicator_plan_id_code",
                table: "plan_indicator",
                columns: new[] { "plan_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_plan_indicator_value_indicator_id_country",
                table: "plan_indicator_value",
                columns: new[] { "indicator_id", "country" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_plan_recommendation_plan_id_code",
                table: "plan_recommendation",
                columns: new[] { "plan_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_recommendation_follow_up_recommendation_id_country",
                table: "recommendation_follow_up",
                columns: new[] { "recommendation_id", "country" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "plan_activity_part");

            migrationBuilder.DropTable(
                name: "plan_indicator_value");

            migrationBuilder.DropTable(
                name: "recommendation_follow_up");

            migrationBuilder.DropTable(
                name: "plan_activity");

            migrationBuilder.DropTable(
                name: "plan_indicator");

            migrationBuilder.DropTable(
                name: "plan_recommendation");

            migrationBuilder.DropTable(
                name: "action_plan");
        }
    }
}
