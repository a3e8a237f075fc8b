using System.ComponentModel.DataAnnotations;

namespace Caravan.Core.Signing;

public sealed class SigningOptions
{
    public const string Section = "Signing";

    /// <summary>How long a retired key still verifies what it signed: certificates and cards already handed out stay valid.</summary>
    [Range(1, 3650)]
    public int OverlapDays { get; set; } = 90;
}
