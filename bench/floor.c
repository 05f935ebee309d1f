/* The floor: what rendering every body with libcmark and writing one HTML file
 * each costs on this machine, with nothing else an SSG does.
 *
 *   cc -O2 -o floor bench/floor.c -lcmark
 *   floor LIST            read every file named in LIST, render its body (front matter skipped)
 *   floor LIST OUTDIR     ... and write OUTDIR/NNNNNN.html for each
 *
 * Single-threaded, CMARK_OPT_SMART like Broadsheet. Wire dumps go through cmark
 * too (Broadsheet only escapes them), so this floor is if anything generous.
 * Prints the seconds of each phase to stderr. */
#include <cmark.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *size) {
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(1); }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buffer = malloc(n + 1);
    if (fread(buffer, 1, n, f) != (size_t)n) { perror(path); exit(1); }
    buffer[n] = 0;
    fclose(f);
    *size = n;
    return buffer;
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: floor LIST [OUTDIR]\n"); return 64; }
    size_t list_size;
    char *list = slurp(argv[1], &list_size);
    const char *outdir = argc > 2 ? argv[2] : NULL;
    if (outdir && mkdir(outdir, 0755) != 0 && errno != EEXIST) { perror(outdir); return 1; }
    double read_s = 0, render_s = 0, write_s = 0;
    size_t count = 0, bytes_in = 0, bytes_out = 0;
    char path_out[4096];
    for (char *line = strtok(list, "\n"); line; line = strtok(NULL, "\n")) {
        double t0 = now();
        size_t size;
        char *text = slurp(line, &size);
        char *body = text;
        if (strncmp(text, "---\n", 4) == 0) {
            char *end = strstr(text + 4, "\n---\n");
            if (end) body = end + 5;
        }
        double t1 = now();
        char *html = cmark_markdown_to_html(body, size - (body - text), CMARK_OPT_SMART);
        size_t length = strlen(html);
        double t2 = now();
        if (outdir) {
            snprintf(path_out, sizeof path_out, "%s/%06zu.html", outdir, count);
            int fd = open(path_out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (fd < 0 || write(fd, html, length) != (ssize_t)length) { perror(path_out); return 1; }
            close(fd);
        }
        double t3 = now();
        read_s += t1 - t0; render_s += t2 - t1; write_s += t3 - t2;
        bytes_in += size; bytes_out += length; count++;
        free(html);
        free(text);
    }
    fprintf(stderr, "floor: %zu files, %.1f MB in, %.1f MB out; read %.3f s, render %.3f s, write %.3f s\n",
            count, bytes_in / 1e6, bytes_out / 1e6, read_s, render_s, write_s);
    return 0;
}
