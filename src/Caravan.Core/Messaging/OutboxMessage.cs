using Microsoft.AspNetCore.Identity;

namespace Caravan.Core.Messaging;

public enum MessageChannel
{
    Sms = 0,
    Email = 1,

    /// <summary>A signed message to a partner node (issue 17); delivered in batches by the exchange, not a gateway.</summary>
    Node = 2,
}

public enum MessageStatus
{
    /// <summary>Waiting for its next attempt (the first, or a retry after a failure).</summary>
    Pending = 0,

    /// <summary>Claimed by one process, which is sending it now.</summary>
    Sending = 1,

    Sent = 2,

    /// <summary>Failed too often or for good; waits for an administrator at /admin/messages.</summary>
    Parked = 3,
}

/// <summary>
/// One message in the node's outbox. It is written in the same transaction as the event that causes it and sent
/// afterwards, so an event is never lost to a gateway that is down and a message is never sent for an event that
/// rolled back. Recipient and text are encrypted at rest: a one-time code or a phone number must not be readable from
/// a copy of the database.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public MessageChannel Channel { get; set; }

    /// <summary>The template key (a resource name such as Sms.Code), so admins can see what kind of message it is.</summary>
    public string Template { get; set; } = string.Empty;

    public string Culture { get; set; } = string.Empty;

    /// <summary>For a message to a partner node: which one, from the trust list.</summary>
    public Guid? PartnerId { get; set; }

    /// <summary>Security messages (codes, invitations) ignore opt-outs; everything else respects them.</summary>
    public bool Security { get; set; }

    [PersonalData]
    public string RecipientCipher { get; set; } = string.Empty;

    /// <summary>The recipient masked, for the admin list: +998*******67 or a***@example.org.</summary>
    public string RecipientHint { get; set; } = string.Empty;

    [PersonalData]
    public string? SubjectCipher { get; set; }

    [PersonalData]
    public string BodyCipher { get; set; } = string.Empty;

    public MessageStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime NextAttemptAt { get; set; }

    /// <summary>While Sending: when the claim lapses, so a message held by a process that died is taken up again.</summary>
    public DateTime? ClaimedUntil { get; set; }

    public DateTime? SentAt { get; set; }

    /// <summary>The last failure as the gateway gave it, without the recipient or the text.</summary>
    public string? LastError { get; set; }

    /// <summary>The gateway's id for the sent message, for tracing a complaint with the provider.</summary>
    public string? ProviderId { get; set; }
}

/// <summary>A recipient who asked for no more service messages. Keyed by a keyed hash, so the table holds no numbers.</summary>
public sealed class MessageOptOut
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public MessageChannel Channel { get; set; }

    public string RecipientHash { get; set; } = string.Empty;

    public DateTime At { get; set; }
}
