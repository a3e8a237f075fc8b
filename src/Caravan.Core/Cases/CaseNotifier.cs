namespace Caravan.Core.Cases;

/// <summary>
/// Tells people that something happened without saying what: the text of an SMS can be read by anyone holding the
/// phone, so it never carries case details. The web layer supplies the wording in the recipient's language.
/// </summary>
public interface ICaseNotifier
{
    Task NewMessageAsync(string phoneE164, string culture, CancellationToken cancellationToken);

    Task EscalatedAsync(string phoneE164, string culture, CancellationToken cancellationToken);
}
