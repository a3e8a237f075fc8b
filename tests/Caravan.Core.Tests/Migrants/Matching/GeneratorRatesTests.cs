namespace Caravan.Core.Tests.Migrants.Matching;

public class GeneratorRatesTests
{
    // Half the records are second records, so 20,000 records give 10,000 labelled duplicates (a rate's standard error ≈ 0.5 points).
    private static readonly SyntheticSet Set = SyntheticPersons.Generate(20_000, 0.5, seed: 2);

    [Theory]
    [InlineData(SyntheticErrors.ScriptChanged, 0.50)]
    [InlineData(SyntheticErrors.Typo, 0.25)]
    [InlineData(SyntheticErrors.NamesSwapped, 0.10)]
    [InlineData(SyntheticErrors.DayMonthSwapped, 0.08)]
    [InlineData(SyntheticErrors.YearOffByOne, 0.06)]
    [InlineData(SyntheticErrors.DayOff, 0.04)]
    public void Second_records_carry_each_variation_at_least_at_the_promised_rate(SyntheticErrors error, double rate)
    {
        Set.Errors.Count.ShouldBe(10_000);
        var share = (double)Set.Errors.Values.Count(e => e.HasFlag(error)) / Set.Errors.Count;

        share.ShouldBeGreaterThanOrEqualTo(rate);
    }

    [Fact]
    public void Variations_are_drawn_independently_so_they_combine()
    {
        var errors = Set.Errors.Values.ToList();
        // Independent draws: a swapped date with a change of script about as often as the product of the two rates (0.09 × 0.52).
        errors.Count(e => e.HasFlag(SyntheticErrors.DayMonthSwapped) && e.HasFlag(SyntheticErrors.ScriptChanged)).ShouldBeGreaterThan(350);
        errors.Count(e => e.HasFlag(SyntheticErrors.YearOffByOne) && e.HasFlag(SyntheticErrors.NamesSwapped)).ShouldBeGreaterThan(50);
    }

    [Fact]
    public void Labels_tell_the_truth_about_the_dates_and_names()
    {
        var byId = Set.Persons.ToDictionary(p => p.Id);
        const SyntheticErrors dateErrors = SyntheticErrors.DayMonthSwapped | SyntheticErrors.YearOffByOne | SyntheticErrors.DayOff | SyntheticErrors.DigitWrong;
        var checkedSwaps = 0;
        foreach (var (a, b) in Set.TruePairs)
        {
            var (original, copy) = Set.Errors.ContainsKey(b) ? (byId[a], byId[b]) : (byId[b], byId[a]);
            var errors = Set.Errors[copy.Id];
            if ((errors & dateErrors) == 0)
            {
                copy.BirthDate.ShouldBe(original.BirthDate);
            }
            else if ((errors & dateErrors) == SyntheticErrors.DayMonthSwapped)
            {
                copy.BirthDate.ShouldBe(new DateOnly(original.BirthDate.Year, original.BirthDate.Day, original.BirthDate.Month));
                copy.BirthDate.ShouldNotBe(original.BirthDate);
                checkedSwaps++;
            }

            if (errors.HasFlag(SyntheticErrors.ScriptChanged) && !errors.HasFlag(SyntheticErrors.Typo) && !errors.HasFlag(SyntheticErrors.NamesSwapped))
            {
                (copy.GivenName, copy.FamilyName).ShouldNotBe((original.GivenName, original.FamilyName));
            }

            if ((errors & (SyntheticErrors.ScriptChanged | SyntheticErrors.Respelled | SyntheticErrors.Typo | SyntheticErrors.NamesSwapped)) == 0)
            {
                (copy.GivenName, copy.FamilyName).ShouldBe((original.GivenName, original.FamilyName));
            }
        }

        checkedSwaps.ShouldBeGreaterThan(500);
    }

    [Theory]
    [InlineData(SyntheticScript.Cyrillic, "Ўрозбоев")]
    [InlineData(SyntheticScript.RussianisedCyrillic, "Урозбоев")]
    [InlineData(SyntheticScript.UzbekLatin, "Oʻrozboyev")]
    [InlineData(SyntheticScript.Icao, "Urozboev")]
    [InlineData(SyntheticScript.Bgn, "Oʻrozboyev")]
    [InlineData(SyntheticScript.French, "Ourozboev")]
    [InlineData(SyntheticScript.KazakhLatin, "Ūrozboev")]
    public void Each_script_writes_the_name_its_own_way(SyntheticScript script, string written) =>
        SyntheticSpellings.Write(new Random(1), "Ўрозбоев", script).ShouldBe(written);
}
