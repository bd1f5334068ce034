extension HTMLRenderer {
    /// The page's behaviour, in plain JavaScript with no libraries. It reads
    /// the roles from the JSON element rather than from the drawing, so that
    /// it never has to parse user text out of markup.
    static let script = """
        (function () {
          'use strict';
          \(foldingScript)
          var data = JSON.parse(document.getElementById('org-data').textContent);
          var svg = document.getElementById('chart');
          var count = data.key.length;
          var boxes = [], edges = [], haystack = [], hasReports = [];
          for (var i = 0; i < count; i++) {
            boxes.push(document.getElementById('role-' + i));
            edges.push(document.getElementById('edge-' + i));
            // A vacant role is found by "vacant", as its box reads.
            var holder = data.holder[i] == null ? 'vacant' : data.holder[i];
            haystack.push(foldWords([data.key[i], data.title[i], holder].join('\\n')));
            if (data.parent[i] >= 0) hasReports[data.parent[i]] = true;
          }
          var dotted = Array.prototype.slice.call(svg.querySelectorAll('path.dotted[data-from]'));
          var folded = {};
          var hits = [], nextHit = 0;

          function mark(element, name, on) { if (element) element.classList.toggle(name, on); }

          // Chart order lists every role after its manager, so one pass settles
          // what a folded branch hides.
          function refresh() {
            var hidden = [];
            for (var i = 0; i < count; i++) {
              var manager = data.parent[i];
              hidden[i] = manager >= 0 && (hidden[manager] || folded[manager] === true);
              mark(boxes[i], 'gone', hidden[i]);
              mark(edges[i], 'gone', hidden[i]);
              mark(boxes[i], 'folded', folded[i] === true);
            }
            dotted.forEach(function (line) {
              mark(line, 'gone', !!(hidden[+line.getAttribute('data-from')] || hidden[+line.getAttribute('data-to')]));
            });
          }

          // Whether the folded words of a role match the folded query: the query
          // inside them as one run, or each query word beginning one of them.
          function matches(words, query) {
            if (words.join(' ').indexOf(query.join(' ')) >= 0) return true;
            return query.every(function (word) { return words.some(function (own) { return own.indexOf(word) === 0; }); });
          }

          // Highlights the roles whose key, title or holder matches `text`
          // (case, accents and punctuation aside, as `find` matches), and
          // their chains to the top, unfolding any branch that hides them.
          window.orgSearch = function (text) {
            var query = foldWords(String(text == null ? '' : text));
            for (var i = 0; i < count; i++) {
              mark(boxes[i], 'hit', false);
              mark(boxes[i], 'chain', false);
              mark(edges[i], 'chain', false);
            }
            hits = [];
            nextHit = 0;
            for (i = 0; query.length && i < count; i++) {
              if (!matches(haystack[i], query)) continue;
              hits.push(i);
              mark(boxes[i], 'hit', true);
              // A chain already marked was marked all the way up.
              for (var j = i; j >= 0 && !boxes[j].classList.contains('chain'); j = data.parent[j]) {
                mark(boxes[j], 'chain', true);
                mark(edges[j], 'chain', true);
                delete folded[data.parent[j]];
              }
            }
            refresh();
            return hits.length;
          };

          // The view: the drawing's top-left corner on screen and drawing units
          // per screen pixel, kept in step with the element's size.
          var view = { x: 0, y: 0, scale: 1 };
          function show() {
            svg.setAttribute('viewBox', [view.x, view.y,
              Math.max(1, svg.clientWidth) * view.scale, Math.max(1, svg.clientHeight) * view.scale].join(' '));
          }
          function centreOn(i) {
            view.scale = Math.min(view.scale, 1.5);
            view.x = data.x[i] + data.boxWidth / 2 - svg.clientWidth * view.scale / 2;
            view.y = data.y[i] + data.boxHeight / 2 - svg.clientHeight * view.scale / 2;
            show();
          }
          // Fit the whole chart when it stays readable; otherwise start at the top.
          var fit = Math.max(data.width / Math.max(1, svg.clientWidth), data.height / Math.max(1, svg.clientHeight), 1);
          if (fit <= 2.5 || count === 0) { view.scale = fit; show(); } else { view.scale = 1.5; centreOn(0); view.y = 0; show(); }

          svg.addEventListener('wheel', function (event) {
            event.preventDefault();
            var box = svg.getBoundingClientRect();
            var px = event.clientX - box.left, py = event.clientY - box.top;
            var x = view.x + px * view.scale, y = view.y + py * view.scale;
            var step = event.deltaMode === 1 ? 0.05 : 0.0015;
            view.scale = Math.min(60, Math.max(0.1, view.scale * Math.exp(event.deltaY * step)));
            view.x = x - px * view.scale;
            view.y = y - py * view.scale;
            show();
          }, { passive: false });

          var drag = null, dragged = false;
          svg.addEventListener('pointerdown', function (event) {
            drag = { x: event.clientX, y: event.clientY, viewX: view.x, viewY: view.y };
            dragged = false;
          });
          window.addEventListener('pointermove', function (event) {
            if (!drag) return;
            var dx = event.clientX - drag.x, dy = event.clientY - drag.y;
            if (Math.abs(dx) + Math.abs(dy) > 4) dragged = true;
            view.x = drag.viewX - dx * view.scale;
            view.y = drag.viewY - dy * view.scale;
            show();
          });
          window.addEventListener('pointerup', function () { drag = null; });
          window.addEventListener('resize', show);

          svg.addEventListener('click', function (event) {
            var box = dragged || !event.target.closest ? null : event.target.closest('.role');
            if (!box) return;
            var i = +box.id.slice('role-'.length);
            if (!hasReports[i]) return;
            if (folded[i]) delete folded[i]; else folded[i] = true;
            refresh();
          });

          var input = document.getElementById('search'), counter = document.getElementById('count');
          function searchBox() {
            var found = window.orgSearch(input.value);
            counter.textContent = input.value.trim() ? found + (found === 1 ? ' match' : ' matches') : '';
          }
          input.addEventListener('input', searchBox);
          input.addEventListener('keydown', function (event) {
            if (event.key !== 'Enter' || hits.length === 0) return;
            event.preventDefault();
            centreOn(hits[nextHit++ % hits.length]);
          });

          // A link such as page.html#search=Jane%20Doe opens the page with that
          // search done, as if it had been typed.
          function searchFragment() {
            var found = /^#search=(.*)$/.exec((window.location && window.location.hash) || '');
            if (!found) return;
            try { input.value = decodeURIComponent(found[1]); } catch (error) { input.value = found[1]; }
            searchBox();
          }
          window.addEventListener('hashchange', searchFragment);
          searchFragment();
        })();

        """

    /// `foldWords(text)`: the words of `text` folded as ``SearchFolding``
    /// folds them, its tables written out from the Swift ones so both match alike.
    static var foldingScript: String {
        let replacements = SearchFolding.letterReplacements
            .map { "'\\u{\(String($0.0.value, radix: 16))}': '\($0.1)'" }
            .joined(separator: ", ")
        let vanishing = SearchFolding.vanishing.map { "\\u{\(String($0.value, radix: 16))}" }.joined()
        return """
            var FOLD_REPLACE = {\(replacements)}, FOLD_VANISH = '\(vanishing)';
              function foldWords(text) {
                var words = [], current = '';
                for (var ch of String(text).toLowerCase().normalize('NFD')) {
                  if (/[\\p{M}\\p{Cf}]/u.test(ch)) continue;
                  if (Object.prototype.hasOwnProperty.call(FOLD_REPLACE, ch)) current += FOLD_REPLACE[ch];
                  else if (/[\\p{Alphabetic}\\p{N}\\p{So}]/u.test(ch)) current += ch;
                  else if (FOLD_VANISH.indexOf(ch) < 0 && current) { words.push(current); current = ''; }
                }
                if (current) words.push(current);
                return words;
              }
            """
    }
}
