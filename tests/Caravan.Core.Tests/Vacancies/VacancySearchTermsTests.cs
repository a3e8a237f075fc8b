using Caravan.Core.Vacancies;

namespace Caravan.Core.Tests.Vacancies;

public class VacancySearchTermsTests
{
    [Fact]
    public void Words_are_runs_of_letters_and_digits_in_any_script_lower_cased()
    {
        VacancySearchTerms.Words("Welder (MIG/MAG), 2-shift — Ansan").ShouldBe(["welder", "mig", "mag", "2", "shift", "ansan"]);
        VacancySearchTerms.Words("Сварщик-аргонщик, Қарағанды").ShouldBe(["сварщик", "аргонщик", "қарағанды"]);
        // Uzbek Latin's oʻ and gʻ use a modifier letter, which belongs to the word; an ASCII apostrophe does not.
        VacancySearchTerms.Words("Oʻzbekiston gʻisht").ShouldBe(["oʻzbekiston", "gʻisht"]);
        VacancySearchTerms.Words("Ҷойи холӣ").ShouldBe(["ҷойи", "холӣ"]);
        VacancySearchTerms.Words(null).ShouldBeEmpty();
        VacancySearchTerms.Words(" ,;- ").ShouldBeEmpty();
    }

    [Fact]
    public void A_key_holds_each_level_of_the_occupation_and_each_word_alone_and_qualified_by_the_destination()
    {
        var key = VacancySearchTerms.For("7212", "KR", ["Welder", "Ansan", "Сварщик", "Welding of steel frames"]).Split(' ');
        key.ShouldBe(["i7", "kr_i7", "i72", "kr_i72", "i721", "kr_i721", "i7212", "kr_i7212",
            "welder", "kr_welder", "ansan", "kr_ansan", "сварщик", "kr_сварщик", "welding", "kr_welding", "of", "kr_of", "steel", "kr_steel", "frames", "kr_frames"]);
    }

    [Fact]
    public void A_long_text_is_cut_at_the_column_length_and_never_pushes_out_the_occupation()
    {
        var words = string.Join(' ', Enumerable.Range(0, 5000).Select(i => "word" + i));
        var key = VacancySearchTerms.For("9313", "RU", [words]);
        key.Length.ShouldBeLessThanOrEqualTo(VacancySearchTerms.MaxLength);
        key.Split(' ').ShouldContain("ru_i9313");
        key.Split(' ').ShouldContain("ru_word0");
    }

    [Fact]
    public void A_vacancy_keeps_its_key_in_step_with_its_texts_destination_and_occupation()
    {
        var vacancy = new Vacancy
        {
            Reference = "VAC-1",
            IscoCode = "7212",
            Title = "Welder",
            Description = "Steel frames",
            DestinationCountry = "KR",
            City = "Ansan",
            WageCurrency = "KRW",
        };
        vacancy.SearchKey.Split(' ').ShouldContain("kr_welder");
        vacancy.DestinationCountry = "KZ";
        vacancy.IscoCode = "7112";
        vacancy.SearchKey.Split(' ').ShouldContain("kz_welder");
        vacancy.SearchKey.Split(' ').ShouldContain("kz_i7112");
        vacancy.SearchKey.Split(' ').ShouldNotContain("kr_welder");
        vacancy.Translations.Add(new VacancyTranslation { Language = "ru", Title = "Каменщик", Description = "Кладка" });
        vacancy.RefreshSearchKey();
        vacancy.SearchKey.Split(' ').ShouldContain("kz_каменщик");
    }

    [Theory]
    [InlineData(7, 7)]
    [InlineData(1234, 1200)]
    [InlineData(6553, 6600)]
    [InlineData(198_765, 200_000)]
    public void An_estimate_is_shown_to_two_significant_figures(int estimate, int shown) =>
        VacancySearch.RoundEstimate(estimate).ShouldBe(shown);
}
