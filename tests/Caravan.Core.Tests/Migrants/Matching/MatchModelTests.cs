using Caravan.Core.Migrants.Matching;

namespace Caravan.Core.Tests.Migrants.Matching;

public class MatchModelTests
{
    private static readonly MatchModel Model = MatchModel.Default;

    private static PersonFeatures Person(string given, string family, string? patronymic, DateOnly birth, MatchSex sex = MatchSex.Male, string? passport = null) =>
        SyntheticPersons.ToFeatures(new SyntheticPerson(Guid.NewGuid(), given, family, patronymic, birth, sex, passport));

    [Fact]
    public void Cyrillic_and_Latin_spelling_with_day_and_month_swapped_is_a_match()
    {
        var a = Person("Жамшид", "Ҳасанов", "Алишерович", new DateOnly(1988, 4, 9));
        var b = Person("Jamshid", "Xasanov", "Alisher o'g'li", new DateOnly(1988, 9, 4));

        var result = Model.Score(a, b);

        result.Class.ShouldBeOneOf(MatchClass.Certain, MatchClass.Possible);
        result.Reasons.ShouldContain(MatchReason.BirthDateDayMonthSwapped);
        result.Reasons.ShouldContain(MatchReason.FamilyNameSame);
        result.Reasons.ShouldContain(MatchReason.PatronymicAgrees);
    }

    [Fact]
    public void Namesakes_born_on_other_days_are_not_matched()
    {
        var a = Person("Alisher", "Karimov", null, new DateOnly(1990, 3, 14));
        var b = Person("Алишер", "Каримов", null, new DateOnly(1990, 7, 2));

        var result = Model.Score(a, b);

        result.Class.ShouldBe(MatchClass.NonMatch);
        result.Reasons.ShouldContain(MatchReason.BirthDateDifferent);
    }

    [Fact]
    public void Equal_passport_makes_a_pair_certain_despite_a_typo_and_a_wrong_year()
    {
        var a = Person("Farhod", "Qurbonov", null, new DateOnly(1979, 11, 23), passport: "AB1234567");
        var b = Person("Фарҳод", "Курбанов", null, new DateOnly(1978, 11, 23), passport: "AB 1234567");

        var result = Model.Score(a, b);

        result.Class.ShouldBe(MatchClass.Certain);
        result.Reasons.ShouldContain(MatchReason.PassportEqual);
    }

    [Fact]
    public void Different_passports_keep_identical_names_and_dates_out_of_the_certain_band()
    {
        var a = Person("Nurbek", "Toktogulov", "Azamatovich", new DateOnly(1985, 6, 1), passport: "AC1111111");
        var b = Person("Нурбек", "Токтогулов", "Азамат уулу", new DateOnly(1985, 6, 1), passport: "AC2222222");

        var result = Model.Score(a, b);

        result.Class.ShouldNotBe(MatchClass.Certain);
        result.Reasons.ShouldContain(MatchReason.PassportDifferent);
        // Without the passports the same pair is certain, so it is the passports that keep it out.
        Model.Score(a with { PassportHash = null }, b with { PassportHash = null }).Class.ShouldBe(MatchClass.Certain);
    }

    [Fact]
    public void Given_and_family_name_written_the_other_way_round_still_match()
    {
        var a = Person("Dilnoza", "Yusupova", null, new DateOnly(1995, 2, 17), MatchSex.Female);
        var b = Person("Юсупова", "Дилноза", null, new DateOnly(1995, 2, 17), MatchSex.Female);

        var result = Model.Score(a, b);

        result.Reasons.ShouldContain(MatchReason.NamesSwapped);
        result.Class.ShouldNotBe(MatchClass.NonMatch);
    }

    [Fact]
    public void Different_sex_weighs_against_a_match()
    {
        var a = Person("Zarina", "Safarova", null, new DateOnly(2001, 5, 5), MatchSex.Female);
        var b = a with { Id = Guid.NewGuid(), Sex = MatchSex.Male };

        Model.Score(a, b).Weight.ShouldBeLessThan(Model.Score(a, a with { Id = Guid.NewGuid() }).Weight);
        Model.Score(a, b).Reasons.ShouldContain(MatchReason.SexDiffers);
    }

    [Fact]
    public void Common_names_weigh_less_than_rare_ones_when_frequencies_are_known()
    {
        var common = Enumerable.Range(0, 200).Select(i => Person("Alisher", "Karimov", null, new DateOnly(1970, 1, 1).AddDays(i)));
        var rare = Person("Parviz", "Odinaev", null, new DateOnly(1999, 9, 9));
        var frequencies = NameFrequencies.Count([.. common, rare]);
        var karimov = Person("Alisher", "Karimov", null, new DateOnly(1980, 1, 1));
        var odinaev = rare with { Id = Guid.NewGuid() };

        var commonWeight = Model.Score(karimov, karimov with { Id = Guid.NewGuid() }, frequencies).Weight;
        var rareWeight = Model.Score(rare, odinaev, frequencies).Weight;

        commonWeight.ShouldBeLessThan(rareWeight);
        Model.Score(karimov, karimov with { Id = Guid.NewGuid() }).Weight.ShouldBeGreaterThan(commonWeight + 2);
    }

    [Theory]
    [InlineData("1990-03-14", "1990-03-14", BirthDateComparison.Equal)]
    [InlineData("1990-03-04", "1990-04-03", BirthDateComparison.DayMonthSwapped)]
    [InlineData("1990-03-14", "1991-03-14", BirthDateComparison.YearOffByOne)]
    [InlineData("1989-03-14", "1990-03-14", BirthDateComparison.YearOffByOne)]
    [InlineData("1990-03-14", "1990-03-15", BirthDateComparison.DayOff)]
    [InlineData("1990-03-14", "1990-03-24", BirthDateComparison.DayOff)]
    [InlineData("1990-03-04", "1990-03-24", BirthDateComparison.OneDigit)]
    [InlineData("1990-03-14", "1990-08-14", BirthDateComparison.OneDigit)]
    [InlineData("1990-03-14", "1980-03-14", BirthDateComparison.OneDigit)]
    [InlineData("1990-03-04", "1991-04-03", BirthDateComparison.TwoErrors)]
    [InlineData("1990-03-14", "1991-03-16", BirthDateComparison.TwoErrors)]
    [InlineData("1990-03-14", "1991-04-14", BirthDateComparison.TwoErrors)]
    [InlineData("1990-03-14", "1997-07-02", BirthDateComparison.Other)]
    [InlineData("1990-03-14", "1990-07-28", BirthDateComparison.Other)]
    public void Birth_date_levels(string a, string b, int level)
    {
        var (x, y) = (DateOnly.Parse(a, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(b, System.Globalization.CultureInfo.InvariantCulture));
        BirthDateComparison.Compare(x, y).ShouldBe(level);
        BirthDateComparison.Compare(y, x).ShouldBe(level);
    }

    [Fact]
    public void Thresholds_are_ordered_and_the_table_is_complete()
    {
        Model.UpperThreshold.ShouldBeGreaterThan(Model.LowerThreshold);
        Model.Levels.Count.ShouldBe(21);
        Model.Levels.ShouldAllBe(l => l.M > 0 && l.M < 1 && l.U > 0 && l.U < 1);
    }

    [Fact]
    public void A_larger_population_raises_only_the_merge_threshold_by_the_log_of_its_growth()
    {
        Model.ForPopulation(50_000).ShouldBeSameAs(Model);
        Model.ForPopulation(MatchModel.TunedPopulation).ShouldBeSameAs(Model);
        var million = Model.ForPopulation(1_000_000);
        million.UpperThreshold.ShouldBe(Model.UpperThreshold + Math.Log2(10), 1e-9);
        million.LowerThreshold.ShouldBe(Model.LowerThreshold);
        // A pair just above the tuned threshold merges in a small batch and goes to review in a registry of a million.
        var weight = Model.UpperThreshold + 1;
        Model.Classify(weight).ShouldBe(MatchClass.Certain);
        million.Classify(weight).ShouldBe(MatchClass.Possible);
    }
}
