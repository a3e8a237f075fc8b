using Microsoft.Extensions.FileProviders;
using PdfSharp.Fonts;

namespace Caravan.Web.Infrastructure.Pdf;

/// <summary>
/// PDFsharp's one font resolver for the process: DejaVu Sans, restored from npm by the build into wwwroot/lib/fonts.
/// PDFsharp holds the resolver in a static and accepts only the same instance again, so every host in a process (tests
/// start several) shares this one and the first to start loads the faces.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Family = "Caravan Sans";

    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    public static readonly PdfFonts Instance = new();

    private static readonly Lock Gate = new();

    private readonly Dictionary<string, byte[]> faces = new(StringComparer.Ordinal);

    private PdfFonts()
    {
    }

    /// <summary>Loads the faces from the web root once, and hands PDFsharp the resolver. Throws when the build did not copy them.</summary>
    public static void EnsureLoaded(IFileProvider webRoot)
    {
        ArgumentNullException.ThrowIfNull(webRoot);
        lock (Gate)
        {
            if (Instance.faces.Count == 0)
            {
                foreach (var face in new[] { Regular, Bold })
                {
                    var file = webRoot.GetFileInfo($"lib/fonts/{face}.ttf");
                    if (!file.Exists)
                    {
                        throw new InvalidOperationException($"The PDF font lib/fonts/{face}.ttf is missing from the web root; the build copies it from npm (build-assets.mjs).");
                    }

                    using var stream = file.CreateReadStream();
                    using var copy = new MemoryStream();
                    stream.CopyTo(copy);
                    Instance.faces[face] = copy.ToArray();
                }
            }

            GlobalFontSettings.FontResolver = Instance;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? Bold : Regular);

    public byte[]? GetFont(string faceName) => faces.GetValueOrDefault(faceName);
}
