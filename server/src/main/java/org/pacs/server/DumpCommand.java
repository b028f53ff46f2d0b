// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.BulkData;
import org.pacs.dicom.data.Fragments;
import org.pacs.dicom.data.Sequence;
import org.pacs.dicom.data.Tag;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.ElementDictionary;
import org.pacs.dicom.io.BulkDataPolicy;
import org.pacs.dicom.io.DicomException;
import org.pacs.dicom.io.DicomFile;
import org.pacs.dicom.io.Part10Reader;
import org.pacs.dicom.io.ReadOptions;
import org.pacs.dicom.json.BulkDataUris;
import org.pacs.dicom.json.JsonWriter;
import org.pacs.dicom.xml.NativeXmlWriter;

/**
 * {@code pacs dump [--json|--xml] [--inline] [--threshold BYTES] FILE...}: prints DICOM files as a
 * readable dump, as the DICOM JSON Model (PS3.18 Annex F; several files make one array, §F.2.1) or as
 * the Native DICOM Model (PS3.19 Annex A). Values longer than the threshold stay in the file and are
 * written as {@code file:} BulkDataURIs unless {@code --inline}. A file that cannot be read is reported
 * with its name, offset and reason; the others are still dumped and the exit status is 1. The output is
 * the operator's explicit request for the data, patient data included; nothing is logged.
 */
final class DumpCommand implements Command {
    static final long DEFAULT_THRESHOLD = 1024;
    private static final int MAX_SHOWN = 64;

    private enum Format { TEXT, JSON, XML }

    @Override
    public String name() {
        return "dump";
    }

    @Override
    public String usage() {
        return "dump [--json|--xml] [--inline] [--threshold BYTES] FILE...";
    }

    @Override
    public String summary() {
        return "print DICOM files: readable, DICOM JSON or native XML";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        Format format = Format.TEXT;
        boolean inline = false;
        long threshold = DEFAULT_THRESHOLD;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--json" -> format = format(format, Format.JSON);
                case "--xml" -> format = format(format, Format.XML);
                case "--inline" -> inline = true;
                case "--threshold" -> {
                    if (++i == args.length) {
                        throw new UsageException("--threshold needs a number of bytes");
                    }
                    threshold = threshold(args[i]);
                }
                default -> {
                    if (a.startsWith("--")) {
                        throw new UsageException("unknown option " + a);
                    }
                    files.add(Path.of(a));
                }
            }
        }
        if (files.isEmpty()) {
            throw new UsageException("no FILE given");
        }
        PrintWriter w = new PrintWriter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)));
        BulkDataUris uris = inline ? BulkDataUris.none() : BulkDataUris.files();
        ReadOptions options = ReadOptions.defaults().withBulkData(BulkDataPolicy.reference(), threshold);
        boolean array = format == Format.JSON && files.size() > 1;
        int failed = 0;
        int written = 0;
        if (array) {
            w.print('[');
        }
        for (Path file : files) {
            DicomFile dicom;
            try {
                dicom = Part10Reader.read(file, options);
            } catch (IOException e) {
                failed++;
                w.flush();
                err.println("pacs dump: " + file + ": " + describe(e));
                continue;
            }
            try {
                switch (format) {
                    case JSON -> {
                        if (array) {
                            w.print(written == 0 ? "\n" : ",\n");
                        }
                        JsonWriter.create().withIndent(true).withBulkData(threshold, uris).write(dicom.dataSet(), w);
                        w.println();
                    }
                    case XML -> {
                        w.flush();
                        NativeXmlWriter.create().withIndent(true).withBulkData(threshold, uris).write(dicom.dataSet(), out);
                        out.println();
                    }
                    case TEXT -> text(w, file, dicom);
                }
                written++;
            } catch (IOException e) {
                failed++;
                w.flush();
                err.println("pacs dump: " + file + ": " + describe(e));
            }
            w.flush();
        }
        if (array) {
            w.println(written == 0 ? "]" : "\n]");
        }
        w.flush();
        return failed == 0 ? 0 : 1;
    }

    private static Format format(Format current, Format wanted) {
        if (current != Format.TEXT && current != wanted) {
            throw new UsageException("--json and --xml exclude each other");
        }
        return wanted;
    }

    private static long threshold(String s) {
        try {
            long t = Long.parseLong(s);
            if (t >= 0) {
                return t;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--threshold needs a number of bytes, not '" + s + "'");
    }

    private static String describe(IOException e) {
        if (e instanceof DicomException d) {
            return d.getMessage();
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        return "cannot read: " + e.getMessage();
    }

    // ---- readable dump ---------------------------------------------------------------------------

    private static void text(PrintWriter w, Path file, DicomFile dicom) {
        w.println("# " + file);
        if (dicom.fileMetaInformation() != null) {
            w.println("# File Meta Information");
            new TextDump(w).dataSet(dicom.fileMetaInformation(), 0);
        }
        w.println("# Data Set, transfer syntax " + dicom.transferSyntax().uid());
        new TextDump(w).dataSet(dicom.dataSet(), 0);
    }

    /** One line per element: tag, VR, keyword, value; items indented; long values cut; bulk as sizes. */
    private static final class TextDump {
        private final PrintWriter w;
        private final ElementDictionary dictionary = ElementDictionary.standard();

        TextDump(PrintWriter w) {
            this.w = w;
        }

        void dataSet(Attributes ds, int depth) {
            for (int i = 0; i < ds.size(); i++) {
                element(ds, i, depth);
            }
        }

        private void element(Attributes ds, int i, int depth) {
            int tag = ds.tagAt(i);
            VR vr = ds.vrAt(i);
            Object value = ds.valueAt(i);
            String indent = "  ".repeat(depth);
            String head = indent + Tag.toString(tag) + " " + vr + " " + name(ds, tag);
            if (value instanceof Sequence seq) {
                w.println(pad(head) + " " + seq.size() + (seq.size() == 1 ? " item" : " items"));
                for (int k = 0; k < seq.size(); k++) {
                    w.println(indent + "  > Item " + (k + 1));
                    dataSet(seq.get(k), depth + 2);
                }
            } else if (value instanceof Fragments f) {
                long total = 0;
                for (int k = 0; k < f.size(); k++) {
                    total += f.lengthOf(k);
                }
                w.println(pad(head) + " <" + f.size() + " fragments, " + total + " bytes>");
                for (int k = 0; k < f.size(); k++) {
                    w.println(indent + "  > Fragment " + (k + 1) + " <" + f.lengthOf(k) + " bytes>");
                }
            } else if (value instanceof BulkData b) {
                w.println(pad(head) + " <" + b.length() + " bytes>");
            } else if (vr.isBulk()) {
                byte[] bytes = ds.encodedBytes(i);
                w.println(pad(head) + " <" + (bytes == null ? 0 : bytes.length) + " bytes>");
            } else {
                String[] values = ds.getStrings(tag);
                w.println(pad(head) + " " + (values == null || values.length == 0 ? "(empty)"
                        : "[" + shown(String.join("\\", values)) + "]"));
            }
        }

        private String name(Attributes ds, int tag) {
            if (Tag.isPrivate(tag)) {
                if (Tag.isPrivateCreator(tag)) {
                    return "PrivateCreator";
                }
                String creator = ds.privateCreatorOf(tag);
                return creator == null ? "(private)" : "(private " + shown(creator) + ")";
            }
            String keyword = dictionary.keywordOf(tag);
            return keyword.isEmpty() ? "(unknown)" : keyword;
        }

        private static String pad(String head) {
            return head.length() >= 52 ? head : head + " ".repeat(52 - head.length());
        }

        /** Control characters made visible, and at most {@value #MAX_SHOWN} characters. */
        private static String shown(String s) {
            StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_SHOWN) + 8);
            int i = 0;
            for (; i < s.length() && sb.length() < MAX_SHOWN; i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '\r' -> sb.append("\\r");
                    case '\n' -> sb.append("\\n");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (c < 0x20 || c == 0x7F) {
                            sb.append(String.format("\\x%02X", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            return i == s.length() ? sb.toString() : sb + "... (" + s.length() + " characters)";
        }
    }
}
