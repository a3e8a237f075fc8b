using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Caravan.Migrations.Postgres.Migrations
{
    /// <summary>
    /// A wage whose currency has no rate gets the key VacancyWages.NoRate (-1) instead of NULL, so that it sorts last by
    /// wage on both engines; rows written before are given it here. No schema change.
    /// </summary>
    public partial class WageKeyNoRate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE vacancy SET wage_usd_cents = -1 WHERE wage_usd_cents IS NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE vacancy SET wage_usd_cents = NULL WHERE wage_usd_cents = -1;");
        }
    }
}
