namespace Caravan.Core.Cases;

/// <summary>
/// Tells people that something happened without saying what: the text of an SMS can be read by anyone holding the
/// phone, so it never carries case details. The web layer supplies the wording in the recipient's language.
/// </summary>
public interface ICaseNotifier
{
    /// <summary>Queues the SMS in the node's outbox, in the caller's unit of work: it is saved with the caller's changes.</summary>
    Task NewMessageAsync(string phoneE164, string culture, CancellationToken cancellationToken);

    /// <summary>Queues the SMS in the node's outbox, in the caller's unit of work.</summary>
    Task EscalatedAsync(string phoneE164, string culture, CancellationToken cancellationToken);

    /// <summary>After the caller saved: tries to send what was queued now, leaving failures to the outbox's retries.</summary>
    Task DeliverAsync(CancellationToken cancellationToken);
}
