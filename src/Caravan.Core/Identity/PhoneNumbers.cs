namespace Caravan.Core.Identity;

public static class PhoneNumbers
{
    /// <summary>E.164: a plus sign and 8 to 15 digits, the first not zero.</summary>
    public static bool IsE164(string? phone) =>
        phone is { Length: >= 9 and <= 16 } && phone[0] == '+' && phone[1] != '0' && phone.Skip(1).All(char.IsAsciiDigit);

    /// <summary>Strips spaces, dashes and brackets that people type; does not guess a country code.</summary>
    public static string Normalize(string? phone) =>
        new((phone ?? string.Empty).Where(c => c == '+' || char.IsAsciiDigit(c)).ToArray());

    public static string Mask(string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        return phone.Length <= 6 ? "***" : string.Concat(phone.AsSpan(0, 4), new string('*', phone.Length - 6), phone.AsSpan(phone.Length - 2));
    }
}
