namespace Caravan.Core.Cases;

/// <summary>Who a recorded contact was with; stored as the event's detail.</summary>
public static class ContactWith
{
    public const string Migrant = nameof(Migrant);
    public const string Employer = nameof(Employer);
    public const string Authority = nameof(Authority);

    public static readonly IReadOnlyList<string> All = [Migrant, Employer, Authority];
}
