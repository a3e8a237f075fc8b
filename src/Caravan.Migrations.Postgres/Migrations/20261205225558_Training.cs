using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caravan.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Training : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "course",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    topic = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    destination_country = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    hours = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_course", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "training_centre",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    city = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_training_centre", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "training_session",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    course_id = table.Column<Guid>(type: "uuid", nullable: false),
                    centre_id = table.Column<Guid>(type: "uuid", nullable: false),
                    starts_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    language = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    capacity = table.Column<int>(type: "integer", nullable: false),
                    trainer_id = table.Column<Guid>(type: "uuid", nullable: true),
                    seats_changed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_training_session", x => x.id);
                    table.ForeignKey(
                        name: "fk_training_session_course_course_id",
                        column: x => x.course_id,
                        principalTable: "course",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_training_session_training_centre_centre_id",
                        column: x => x.centre_id,
                        principalTable: "training_centre",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "enrolment",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    session_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    enrolled_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    enrolled_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    assessed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_enrolment", x => x.id);
                    table.ForeignKey(
                        name: "fk_enrolment_training_session_session_id",
                        column: x => x.session_id,
                        principalTable: "training_session",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_enrolment_person_id",
                table: "enrolment",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_enrolment_session_id_person_id",
                table: "enrolment",
                columns: new[] { "session_id", "person_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_training_session_centre_id",
                table: "training_session",
                column: "centre_id");

            migrationBuilder.CreateIndex(
                name: "ix_training_session_course_id",
                table: "training_session",
                column: "course_id");

            migrationBuilder.CreateIndex(
                name: "ix_training_session_starts_at",
                table: "training_session",
                column: "starts_at");

            migrationBuilder.CreateIndex(
                name: "ix_training_session_trainer_id",
                table: "training_session",
                column: "trainer_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "enrolment");

            migrationBuilder.DropTable(
                name: "training_session");

            migrationBuilder.DropTable(
                name: "course");

            migrationBuilder.DropTable(
                name: "training_centre");
        }
    }
}
