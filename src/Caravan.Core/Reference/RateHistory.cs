using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caravan.Core.Reference;

/// <summary>
/// Every exchange rate a node has held, one row per currency and date. <see cref="ExchangeRate"/> keeps the current
/// rate for checks on new offers; statistics convert a payment at the rate in force on the day it was paid.
/// </summary>
public sealed class ExchangeRateHistory
{
    public required string Currency { get; set; }
    public DateOnly AsOf { get; set; }
    public decimal UnitsPerUsd { get; set; }
    public required string Source { get; set; }

    public static ExchangeRateHistory Of(ExchangeRate rate)
    {
        ArgumentNullException.ThrowIfNull(rate);
        return new() { Currency = rate.Currency, AsOf = rate.AsOf, UnitsPerUsd = rate.UnitsPerUsd, Source = rate.Source };
    }
}

internal sealed class ExchangeRateHistoryMapping : IEntityTypeConfiguration<ExchangeRateHistory>
{
    public void Configure(EntityTypeBuilder<ExchangeRateHistory> builder)
    {
        builder.HasKey(r => new { r.Currency, r.AsOf });
        builder.Property(r => r.Currency).HasMaxLength(3);
        builder.Property(r => r.UnitsPerUsd).HasPrecision(18, 6);
        builder.Property(r => r.Source).HasMaxLength(500);
    }
}

/// <summary>Converts amounts to US dollars at the rate in force on a date. Loaded once per use: the history is small.</summary>
public sealed class HistoricalRates
{
    private readonly Dictionary<string, (DateOnly AsOf, decimal UnitsPerUsd)[]> byCurrency;

    public HistoricalRates(IEnumerable<ExchangeRateHistory> rows)
    {
        byCurrency = rows.GroupBy(r => r.Currency, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.AsOf).Select(r => (r.AsOf, r.UnitsPerUsd)).ToArray(), StringComparer.Ordinal);
    }

    public static async Task<HistoricalRates> LoadAsync(CaravanDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return new HistoricalRates(await db.Set<ExchangeRateHistory>().AsNoTracking().ToListAsync(cancellationToken));
    }

    /// <summary>
    /// The rate of the latest date on or before <paramref name="on"/>; before the first known rate, the first one,
    /// since a payment made before the node recorded rates is better converted at the nearest rate than dropped.
    /// </summary>
    public decimal? UnitsPerUsd(string currency, DateOnly on)
    {
        if (currency == "USD")
        {
            return 1m;
        }

        if (!byCurrency.TryGetValue(currency, out var rates) || rates.Length == 0)
        {
            return null;
        }

        var found = rates[0].UnitsPerUsd;
        foreach (var (asOf, units) in rates)
        {
            if (asOf > on)
            {
                break;
            }

            found = units;
        }

        return found > 0 ? found : null;
    }

    public decimal? ToUsd(decimal amount, string currency, DateOnly on) =>
        UnitsPerUsd(currency, on) is { } units ? decimal.Round(amount / units, 2) : null;

    /// <summary>Records a rate in the history, replacing one of the same currency and date.</summary>
    public static async Task RecordAsync(CaravanDbContext db, ExchangeRate rate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rate);
        var row = await db.Set<ExchangeRateHistory>().SingleOrDefaultAsync(r => r.Currency == rate.Currency && r.AsOf == rate.AsOf, cancellationToken);
        if (row is null)
        {
            db.Add(ExchangeRateHistory.Of(rate));
        }
        else
        {
            row.UnitsPerUsd = rate.UnitsPerUsd;
            row.Source = rate.Source;
        }
    }
}
