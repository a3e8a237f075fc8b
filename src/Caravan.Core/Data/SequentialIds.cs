namespace Caravan.Core.Data;

/// <summary>
/// Version 7 UUIDs that only ever increase within this process. <see cref="Guid.CreateVersion7()"/> orders ids by the
/// millisecond but leaves ids of the same millisecond in random order; a queue that must keep the order in which things
/// were put in it (messages to a partner node, where a plan must arrive before its activities) takes its ids from here.
/// Each id is the next after the last when the clock has not moved on (RFC 9562, section 6.2, method 2).
/// </summary>
public static class SequentialIds
{
    private static readonly Lock Gate = new();
    private static Guid last;

    public static Guid Next()
    {
        lock (Gate)
        {
            var id = Guid.CreateVersion7();
            if (id.CompareTo(last) <= 0)
            {
                var bytes = last.ToByteArray(bigEndian: true);
                for (var i = bytes.Length - 1; i >= 0 && ++bytes[i] == 0; i--)
                {
                    // Carry into the next byte up.
                }

                id = new Guid(bytes, bigEndian: true);
            }

            last = id;
            return id;
        }
    }
}
