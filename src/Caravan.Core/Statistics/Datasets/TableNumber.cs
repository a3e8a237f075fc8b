using System.Globalization;

namespace Caravan.Core.Statistics.Datasets;

/// <summary>How a cell of a published table reads: a number, a mark for "no figure", or something that is neither.</summary>
public enum TableNumberKind
{
    Number,
    Missing,
    Invalid,
}

/// <summary>A cell read as a number, with why it could not be read when it was not.</summary>
public readonly record struct TableNumber(TableNumberKind Kind, decimal Value, TableNumberProblem? Problem)
{
    public static TableNumber Missing => new(TableNumberKind.Missing, 0, null);

    public static TableNumber Invalid(TableNumberProblem problem) => new(TableNumberKind.Invalid, 0, problem);
}

/// <summary>Why a cell is not a number; each has a message in every language (Statistics.Import.Number.*).</summary>
public enum TableNumberProblem
{
    NotANumber,

    /// <summary>More than one decimal separator.</summary>
    DecimalSeparators,

    /// <summary>A grouping mark after the decimal separator.</summary>
    GroupingAfterDecimal,

    /// <summary>The grouping mark is not in threes: the declared decimal separator is probably the other one.</summary>
    Grouping,
}

/// <summary>
/// Reads numbers as statistical offices print them: thousands grouped by spaces (also no-break and thin spaces), by
/// commas or by points, and a decimal point or comma as the file declares. "1,234" means 1234 in an English table and
/// 1.234 in a Russian one, so the decimal separator is never guessed: with the wrong one declared, a number that
/// cannot be read both ways is refused with the reason. Marks for a missing figure ("..", "…", "-", "–", "x", "NA",
/// "n/a", "~", empty) read as missing, not as zero.
/// </summary>
public static class TableNumbers
{
    private static readonly HashSet<string> MissingMarks = new(StringComparer.OrdinalIgnoreCase) { "", "..", "...", "…", "-", "–", "—", "x", "na", "n/a", "n.a.", "~", ":" };

    public static TableNumber Parse(string? text, char decimalSeparator)
    {
        if (decimalSeparator is not ('.' or ','))
        {
            throw new ArgumentOutOfRangeException(nameof(decimalSeparator), decimalSeparator, "The decimal separator is '.' or ','.");
        }

        var trimmed = (text ?? string.Empty).Trim();
        if (MissingMarks.Contains(trimmed))
        {
            return TableNumber.Missing;
        }

        var negative = trimmed[0] is '-' or '−';
        var body = (negative ? trimmed[1..] : trimmed).Replace(" ", string.Empty, StringComparison.Ordinal)
            .Replace("\u00A0", string.Empty, StringComparison.Ordinal).Replace("\u202F", string.Empty, StringComparison.Ordinal)
            .Replace("\u2009", string.Empty, StringComparison.Ordinal);
        var grouping = decimalSeparator == '.' ? ',' : '.';
        if (body.Length == 0 || body.Any(c => !char.IsAsciiDigit(c) && c != '.' && c != ','))
        {
            return TableNumber.Invalid(TableNumberProblem.NotANumber);
        }

        var point = body.IndexOf(decimalSeparator, StringComparison.Ordinal);
        if (point >= 0 && body.IndexOf(decimalSeparator, point + 1) >= 0)
        {
            return TableNumber.Invalid(TableNumberProblem.DecimalSeparators);
        }

        var whole = point >= 0 ? body[..point] : body;
        var fraction = point >= 0 ? body[(point + 1)..] : string.Empty;
        if (fraction.Contains(grouping, StringComparison.Ordinal))
        {
            return TableNumber.Invalid(TableNumberProblem.GroupingAfterDecimal);
        }

        if (whole.Contains(grouping, StringComparison.Ordinal))
        {
            // Grouping must be in threes, or the file's separators are not what it declared.
            var groups = whole.Split(grouping);
            if (groups[0].Length is < 1 or > 3 || groups.Skip(1).Any(g => g.Length != 3))
            {
                return TableNumber.Invalid(TableNumberProblem.Grouping);
            }

            whole = string.Concat(groups);
        }

        if (whole.Length == 0 || (point >= 0 && fraction.Length == 0))
        {
            return TableNumber.Invalid(TableNumberProblem.NotANumber);
        }

        // Beyond decimal's 28 digits no statistic is real: such a cell is refused like any other non-number (found by fuzzing).
        if (!decimal.TryParse(fraction.Length > 0 ? $"{whole}.{fraction}" : whole, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return TableNumber.Invalid(TableNumberProblem.NotANumber);
        }

        return new TableNumber(TableNumberKind.Number, negative ? -value : value, null);
    }
}
