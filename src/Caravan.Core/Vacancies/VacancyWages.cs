using System.Globalization;
using Caravan.Core.Data;
using Caravan.Core.Reference;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Core.Vacancies;

/// <summary>Wages brought to one scale (US cents) for the wage filter and sort.</summary>
public static class VacancyWages
{
    /// <summary>
    /// The key of a wage whose currency has no rate: below every real wage, so such a vacancy sorts last by wage and never
    /// passes a wage filter on either engine. NULL would sort first on PostgreSQL (its descending order puts NULL first)
    /// and last on SQLite, and EF Core cannot ask for NULLS LAST, which the wage indexes would then need as well.
    /// </summary>
    public const long NoRate = -1;

    public static long ToCents(decimal amount, string currency, IReadOnlyDictionary<string, ExchangeRate> rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        return rates.TryGetValue(currency, out var rate) && rate.UnitsPerUsd > 0
            ? (long)decimal.Round(amount / rate.UnitsPerUsd * 100m)
            : NoRate;
    }

    /// <summary>
    /// Re-derives the comparison key of every vacancy in one currency after its rate changed: one UPDATE, in SQL both
    /// databases understand. The rate change itself is what the audit trail records; this column only follows it.
    /// </summary>
    public static Task<int> RecomputeAsync(CaravanDbContext db, ExchangeRate rate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rate);
        var factor = (double)(100m / rate.UnitsPerUsd);
        return db.Database.ExecuteSqlAsync(
            $"UPDATE vacancy SET wage_usd_cents = CAST(ROUND(CAST(wage_amount AS REAL) * {factor}) AS BIGINT) WHERE wage_currency = {rate.Currency}",
            cancellationToken);
    }

    public static string Describe(decimal amount) => amount.ToString("0.##", CultureInfo.InvariantCulture);
}
