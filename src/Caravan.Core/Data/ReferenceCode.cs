using System.Globalization;

namespace Caravan.Core.Data;

/// <summary>
/// Short public references such as licence and vacancy numbers, ending in a Luhn check digit so that a
/// mistyped number is caught before it is looked up.
/// </summary>
public static class ReferenceCode
{
    public static string Create(string prefix, long number)
    {
        var digits = number.ToString("D6", CultureInfo.InvariantCulture);
        return $"{prefix}-{digits}{CheckDigit(digits)}";
    }

    public static bool IsValid(string? code, string prefix)
    {
        if (code is null || !code.StartsWith(prefix + "-", StringComparison.Ordinal))
        {
            return false;
        }

        var body = code[(prefix.Length + 1)..];
        if (body.Length < 2 || !body.All(char.IsAsciiDigit))
        {
            return false;
        }

        return CheckDigit(body[..^1]) == body[^1];
    }

    internal static char CheckDigit(string digits)
    {
        var sum = 0;
        var doubleIt = true;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return (char)('0' + ((10 - (sum % 10)) % 10));
    }
}
