using Caravan.Core.Reference;

namespace Caravan.Core.Tests.Reference;

public class HistoricalRatesTests
{
    private static readonly HistoricalRates Rates = new(
    [
        new ExchangeRateHistory { Currency = "UZS", AsOf = new DateOnly(2026, 1, 1), UnitsPerUsd = 12_500m, Source = "t" },
        new ExchangeRateHistory { Currency = "UZS", AsOf = new DateOnly(2026, 6, 1), UnitsPerUsd = 12_000m, Source = "t" },
        new ExchangeRateHistory { Currency = "RUB", AsOf = new DateOnly(2026, 3, 1), UnitsPerUsd = 0m, Source = "t" },
    ]);

    [Theory]
    [InlineData(2026, 3, 15, 100)]
    [InlineData(2026, 6, 1, 104.17)]
    [InlineData(2027, 1, 1, 104.17)]
    [InlineData(2025, 5, 1, 100)]
    public void An_amount_converts_at_the_rate_in_force_on_the_day_paid(int y, int m, int d, double usd) =>
        Rates.ToUsd(1_250_000m, "UZS", new DateOnly(y, m, d)).ShouldBe((decimal)usd);

    [Fact]
    public void Dollars_are_dollars_and_an_unknown_or_zero_rate_converts_nothing()
    {
        Rates.ToUsd(10m, "USD", new DateOnly(2026, 1, 1)).ShouldBe(10m);
        Rates.ToUsd(10m, "KZT", new DateOnly(2026, 1, 1)).ShouldBeNull();
        Rates.ToUsd(10m, "RUB", new DateOnly(2026, 4, 1)).ShouldBeNull();
    }
}
