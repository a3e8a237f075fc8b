using Caravan.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Caravan.Core.Reference;

/// <summary>A destination's statutory monthly minimum wage. No amount means the country has no general minimum.</summary>
public sealed class MinimumWage
{
    public required string CountryCode { get; set; }
    public decimal? MonthlyAmount { get; set; }
    public required string Currency { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public required string Source { get; set; }
}

/// <summary>How many units of a currency buy one US dollar. Used only to compare amounts, never to move money.</summary>
public sealed class ExchangeRate
{
    public required string Currency { get; set; }
    public decimal UnitsPerUsd { get; set; }
    public DateOnly AsOf { get; set; }
    public required string Source { get; set; }
}

internal sealed class MinimumWageMapping : IEntityTypeConfiguration<MinimumWage>
{
    public void Configure(EntityTypeBuilder<MinimumWage> builder)
    {
        builder.HasKey(m => m.CountryCode);
        builder.Property(m => m.CountryCode).HasMaxLength(2);
        builder.Property(m => m.Currency).HasMaxLength(3);
        builder.Property(m => m.Source).HasMaxLength(500);
    }
}

internal sealed class ExchangeRateMapping : IEntityTypeConfiguration<ExchangeRate>
{
    public void Configure(EntityTypeBuilder<ExchangeRate> builder)
    {
        builder.HasKey(r => r.Currency);
        builder.Property(r => r.Currency).HasMaxLength(3);
        builder.Property(r => r.UnitsPerUsd).HasPrecision(18, 6);
        builder.Property(r => r.Source).HasMaxLength(500);
    }
}

/// <summary>Minimum wages and exchange rates, read together so a check sees one consistent set.</summary>
public sealed class RateTable(CaravanDbContext db)
{
    private Dictionary<string, ExchangeRate>? rates;
    private Dictionary<string, MinimumWage>? minimums;

    public async Task<MinimumWage?> MinimumWageAsync(string country, CancellationToken cancellationToken = default)
    {
        minimums ??= await db.Set<MinimumWage>().AsNoTracking().ToDictionaryAsync(m => m.CountryCode, StringComparer.Ordinal, cancellationToken);
        return minimums.GetValueOrDefault(country);
    }

    /// <summary>The amount in another currency, or null when either rate is unknown.</summary>
    public async Task<decimal?> ConvertAsync(decimal amount, string from, string to, CancellationToken cancellationToken = default)
    {
        if (from == to)
        {
            return amount;
        }

        rates ??= await db.Set<ExchangeRate>().AsNoTracking().ToDictionaryAsync(r => r.Currency, StringComparer.Ordinal, cancellationToken);
        return rates.TryGetValue(from, out var f) && rates.TryGetValue(to, out var t) && f.UnitsPerUsd > 0
            ? decimal.Round(amount / f.UnitsPerUsd * t.UnitsPerUsd, 2)
            : null;
    }

    public async Task<IReadOnlyDictionary<string, ExchangeRate>> RatesAsync(CancellationToken cancellationToken = default)
    {
        rates ??= await db.Set<ExchangeRate>().AsNoTracking().ToDictionaryAsync(r => r.Currency, StringComparer.Ordinal, cancellationToken);
        return rates;
    }
}
