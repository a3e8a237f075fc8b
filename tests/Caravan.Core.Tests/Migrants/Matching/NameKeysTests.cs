using Caravan.Core.Migrants.Matching;

namespace Caravan.Core.Tests.Migrants.Matching;

public class NameKeysTests
{
    [Theory]
    // Uzbek: Cyrillic, 1995 Latin with each apostrophe in use, and Russian-style spellings.
    [InlineData("orozboev", "Ўрозбоев", "O'rozboyev", "Oʻrozboyev", "O`rozboyev", "O’rozboyev", "Orozboyev")]
    [InlineData("hasanov", "Хасанов", "Khasanov", "Xasanov", "Hasanov", "Ҳасанов")]
    [InlineData("juraev", "Жураев", "Jurayev", "Zhuraev", "Djuraev", "Dzhuraev")]
    [InlineData("gulomov", "Gʻulomov", "G'ulomov", "Ғуломов", "Gulomov", "Ghulomov")]
    [InlineData("kodirov", "Қодиров", "Qodirov", "Kodirov")]
    [InlineData("hamidov", "Ҳамидов", "Hamidov", "Xamidov", "Khamidov")]
    [InlineData("ekubov", "Ёқубов", "Yoqubov", "Yokubov", "Ekubov")]
    [InlineData("maruf", "Маъруф", "Ma'ruf", "Maʼruf", "Maruf")]
    public void Uzbek_spellings_meet(string key, params string[] spellings)
    {
        foreach (var spelling in spellings)
        {
            NameKeys.Canonical(spelling).ShouldBe(key, spelling);
        }
    }

    [Theory]
    [InlineData("nursultan", "Нұрсұлтан", "Nursultan", "Nūrsūltan")]
    [InlineData("alia", "Әлия", "Aliya", "Äliya", "Alia")]
    [InlineData("askar", "Асқар", "Asqar", "Askar")]
    [InlineData("ingkar", "Іңкәр", "Ingkar", "Iñkär")]
    [InlineData("gulnar", "Гүлнар", "Gulnar", "Gülnar")]
    public void Kazakh_spellings_meet(string key, params string[] spellings)
    {
        foreach (var spelling in spellings)
        {
            NameKeys.Canonical(spelling).ShouldBe(key, spelling);
        }
    }

    [Theory]
    [InlineData("umot", "Үмөт", "Umot", "Ümöt")]
    [InlineData("chyngyz", "Чыңгыз", "Chyngyz", "Chıñğız")]
    [InlineData("jenbekov", "Жээнбеков", "Jeenbekov", "Zheenbekov")]
    [InlineData("aibek", "Айбек", "Aybek", "Aibek")]
    public void Kyrgyz_spellings_meet(string key, params string[] spellings)
    {
        foreach (var spelling in spellings)
        {
            NameKeys.Canonical(spelling).ShouldBe(key, spelling);
        }
    }

    [Theory]
    [InlineData("jamshed", "Ҷамшед", "Jamshed", "Dzhamshed", "Djamshed")]
    [InlineData("rahmonov", "Раҳмонов", "Rahmonov", "Rakhmonov", "Raxmonov")]
    [InlineData("kurbonov", "Қурбонов", "Qurbonov", "Kurbonov")]
    [InlineData("suhrob", "Сӯҳроб", "Suhrob", "Sūhrob")]
    [InlineData("rahimzoda", "Раҳимзода", "Rahimzoda", "Rakhimzoda")]
    public void Tajik_spellings_meet(string key, params string[] spellings)
    {
        foreach (var spelling in spellings)
        {
            NameKeys.Canonical(spelling).ShouldBe(key, spelling);
        }
    }

    [Theory]
    [InlineData("evgeni", "Евгений", "Yevgeniy", "Evgeny", "Evgenii", "Evgeniy")]
    [InlineData("dmitri", "Дмитрий", "Dmitriy", "Dmitrii", "Dmitry")]
    [InlineData("sergei", "Сергей", "Sergey", "Sergei")]
    [InlineData("soi", "Цой", "Tsoy", "Tsoi", "Tcoi", "Soy")]
    [InlineData("shukin", "Щукин", "Shchukin", "Shukin")]
    [InlineData("yulia", "Юлия", "Yuliya", "Iuliia", "Yulia")]
    [InlineData("tatiana", "Татьяна", "Tatyana", "Tatiana")]
    [InlineData("fedor", "Фёдор", "Fyodor", "Fedor")]
    [InlineData("maria", "Мария", "Mariya", "Mariia", "Maria")]
    public void Russian_spellings_meet(string key, params string[] spellings)
    {
        foreach (var spelling in spellings)
        {
            NameKeys.Canonical(spelling).ShouldBe(key, spelling);
        }
    }

    [Theory]
    [InlineData("alisher", "Алишерович", "Alisherovich", "Alisher o'g'li", "Alisher oʻgʻli", "Alisher ugli", "Алишер ўғли", "Alisher")]
    [InlineData("alisher", "Алишеровна", "Alisherovna", "Alisher qizi", "Alisher kizi", "Алишер қизи", "Алишер кизи")]
    [InlineData("serik", "Серікұлы", "Serikuly", "Серік қызы", "Serik kyzy", "Серикович")]
    [InlineData("asan", "Асан уулу", "Asan uulu", "Асан кызы")]
    [InlineData("serg", "Сергеевич", "Sergeyevich", "Sergeevich", "Sergeevna")]
    public void Patronymic_endings_are_stripped(string key, params string[] spellings)
    {
        foreach (var spelling in spellings)
        {
            NameKeys.CanonicalPatronymic(spelling).ShouldBe(key, spelling);
        }
    }

    [Theory]
    [InlineData("Karimov", "Kamilov")]
    [InlineData("Saidov", "Sadikov")]
    [InlineData("Rahimov", "Rahmonov")]
    [InlineData("Alisher", "Alisherovich")]
    [InlineData("Madina", "Malika")]
    [InlineData("Ўрозбоев", "Urozboev")]
    public void Different_names_do_not_fold_together(string a, string b) =>
        NameKeys.Canonical(a).ShouldNotBe(NameKeys.Canonical(b));

    [Theory]
    [InlineData("  Abdulla-Khodjaev  ", "abdula hojaev")]
    [InlineData("ИВАНОВ", "ivanov")]
    [InlineData("", "")]
    [InlineData("'-", "")]
    [InlineData("Muhammad", "muhamad")]
    public void Keys_are_lower_case_letters_and_single_spaces(string name, string key) =>
        NameKeys.Canonical(name).ShouldBe(key);

    [Fact]
    public void Keys_contain_only_ascii_letters_and_single_spaces()
    {
        var set = SyntheticPersons.Generate(2_000, 0.1, seed: 5);
        foreach (var person in set.Persons)
        {
            foreach (var key in new[] { NameKeys.Canonical(person.GivenName), NameKeys.Canonical(person.FamilyName) })
            {
                key.ShouldNotBeEmpty();
                key.All(c => c is >= 'a' and <= 'z' or ' ').ShouldBeTrue(key);
                key.ShouldNotContain("  ");
                key.ShouldBe(key.Trim());
            }
        }
    }

    [Fact]
    public void Surname_prefix_is_the_first_letters()
    {
        NameKeys.SurnamePrefix("karimov").ShouldBe("kar");
        NameKeys.SurnamePrefix("asan ulu", 5).ShouldBe("asanu");
        NameKeys.SurnamePrefix("ki").ShouldBe("ki");
    }

    [Fact]
    public void Every_language_table_is_loaded_and_consistent() =>
        TransliterationRules.Instance.LanguageCodes.ShouldBe(["uz-Cyrl", "kk", "ky", "tg", "ru"]);

    [Fact]
    public void Conflicting_language_tables_are_refused()
    {
        var json = """
            {
              "languages": [
                { "code": "a", "letters": { "х": "kh" } },
                { "code": "b", "letters": { "х": "sh" } }
              ],
              "latinLetters": { "letters": {} },
              "apostrophes": { "characters": [ "'" ] },
              "folds": { "rules": [ { "from": "kh", "to": "h" } ] },
              "patronymics": { "suffixes": [], "words": [] }
            }
            """;
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        Should.Throw<InvalidDataException>(() => TransliterationRules.Load(stream));
    }
}
