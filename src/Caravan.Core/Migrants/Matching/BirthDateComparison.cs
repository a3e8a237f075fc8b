namespace Caravan.Core.Migrants.Matching;

/// <summary>
/// Levels of agreement between two birth dates, by the clerical errors that turn one into the other. Registry clerks swap day
/// and month (the US and ISO orders are both met), mistype a digit, write the year before or after, or a day close to the right
/// one; each of these keeps the rest of the date, which is what makes it evidence. See docs/record-linkage.md.
/// </summary>
public static class BirthDateComparison
{
    public const int Equal = 0;

    /// <summary>Same year, day and month the other way round.</summary>
    public const int DayMonthSwapped = 1;

    /// <summary>Same day and month, the year one before or after.</summary>
    public const int YearOffByOne = 2;

    /// <summary>Same year and month, the day at most ten apart.</summary>
    public const int DayOff = 3;

    /// <summary>Any other difference in one digit of the day, month or year (DD.MM.YYYY).</summary>
    public const int OneDigit = 4;

    /// <summary>Two of the errors above together (a swap and a wrong year, a wrong year and a wrong day…).</summary>
    public const int TwoErrors = 5;

    public const int Other = 6;

    public const int Levels = 7;

    public static int Compare(DateOnly a, DateOnly b)
    {
        if (a == b)
        {
            return Equal;
        }

        if (a.Year == b.Year && a.Day == b.Month && a.Month == b.Day)
        {
            return DayMonthSwapped;
        }

        var year = YearErrors(a.Year, b.Year);
        var month = DigitErrors(a.Month, b.Month, 2);
        var day = DayErrors(a.Day, b.Day);
        var errors = year + month + day;
        if (errors == 1)
        {
            return year == 1 && Math.Abs(a.Year - b.Year) == 1 ? YearOffByOne
                : day == 1 && Math.Abs(a.Day - b.Day) <= MaxDayOff ? DayOff
                : OneDigit;
        }

        // A swap of day and month on top of one other error.
        var swapped = b.Day <= 12 ? year + DigitErrors(a.Month, b.Day, 2) + DayErrors(a.Day, b.Month) : int.MaxValue;
        return errors == 2 || swapped == 1 ? TwoErrors : Other;
    }

    private const int MaxDayOff = 10;

    // 0 when equal, 1 when one error explains the difference, 2 otherwise (never more, so that sums stay small).
    private static int YearErrors(int a, int b) => a == b ? 0 : Math.Abs(a - b) == 1 ? 1 : DigitErrors(a, b, 4);

    private static int DayErrors(int a, int b) => a == b ? 0 : Math.Abs(a - b) <= MaxDayOff ? 1 : DigitErrors(a, b, 2);

    private static int DigitErrors(int a, int b, int digits)
    {
        var differing = 0;
        for (var i = 0; i < digits; i++, a /= 10, b /= 10)
        {
            differing += a % 10 != b % 10 ? 1 : 0;
        }

        return Math.Min(differing, 2);
    }
}
