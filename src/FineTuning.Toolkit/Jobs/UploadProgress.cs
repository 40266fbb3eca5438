namespace FineTuning.Toolkit.Jobs;

/// <summary>Progress of a dataset upload.</summary>
/// <param name="Stage">The stage: <c>hashing</c>, <c>uploading</c>, <c>processing</c> or <c>done</c>.</param>
/// <param name="BytesDone">Bytes hashed or sent so far in this stage.</param>
/// <param name="TotalBytes">The file size.</param>
public sealed record UploadProgress(string Stage, long BytesDone, long TotalBytes);
